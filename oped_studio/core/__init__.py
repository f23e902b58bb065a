"""The Qt-free heart of OpEd Studio: drafts, storage, paths and counting.

Nothing in this package may import Qt: the CLI, the GUI and the tests all stand on it.
"""
