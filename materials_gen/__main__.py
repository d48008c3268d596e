from materials_gen.cli import run

run()
