"""The pure core: models, diff, notes, validation. No git, no terminal, no CLI."""
