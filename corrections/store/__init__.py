"""The only layer that touches git and the file system. It returns domain types."""
