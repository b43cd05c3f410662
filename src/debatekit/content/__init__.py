"""Load and validate the course's files: seeds, cards, vocabulary, motions, plans, profiles."""
