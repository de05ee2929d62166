"""What each command does beyond calling the library: files it writes, what it prints."""
