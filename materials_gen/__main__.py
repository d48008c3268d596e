from materials_gen.cli import main

main()
