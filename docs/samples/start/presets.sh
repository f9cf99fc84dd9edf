chiso presets
