"""What the book shows, made from content and models: MyST, HTML tables and figures."""
