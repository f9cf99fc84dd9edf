# Recover how VCCI turns the proactivity indicators of 2018 into the sub-index.
chiso calibrate --input examples/pci_indicators/pci_2018_wide.csv --unit-column province \
  --target proactivity --columns "$(head -1 examples/pci_indicators/pci_2018_wide.csv \
    | tr ',' '\n' | grep '^proactivity_' | paste -sd,)" --scale 1,10 --format table
