"""The voice profiles (YAML), shipped inside the package as `renderer.voice_profiles`."""
