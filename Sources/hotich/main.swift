import HoTichCLI

Hotich.main()
