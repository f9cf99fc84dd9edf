# Nam Định 2018: PCI from the full bundled table, PAR INDEX from its published result only.
chiso profile --manifest examples/profile/nam_dinh_2018.toml
