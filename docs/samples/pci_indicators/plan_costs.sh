# The two transparency shares made ten times dearer per raw unit: the plan spreads out.
chiso plan --index pci_indicators --input examples/pci_indicators/pci_indicators_wide.csv \
  --unit-column province --unit "Nam Định" --year 2018 --target top:10 --level indicators \
  --cost transparency_i08=10 --cost transparency_i05=10
