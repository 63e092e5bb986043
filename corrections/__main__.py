from corrections.cli import main

main()
