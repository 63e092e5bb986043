"""The app's screens: each loads its data in a worker and shows it with widgets."""
