"""One module per widget of the explorer."""
