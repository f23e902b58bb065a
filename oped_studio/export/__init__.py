"""Writers that turn a draft into files an editor receives: .docx, .txt, .eml and PDF.

Writers only read a draft; they never change it.
"""
