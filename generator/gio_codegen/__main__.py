from gio_codegen.cli import main

main()
