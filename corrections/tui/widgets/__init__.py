"""Widgets that show the store's data: each one takes plain values and renders them safely."""
