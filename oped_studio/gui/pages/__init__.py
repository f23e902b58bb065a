"""One page per step of writing a letter: Start, Talking points, Write, Review, Export."""
