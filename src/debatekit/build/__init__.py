"""Building a course: the book, its self-hosted assets, launch buttons, the student wheel, new courses."""
