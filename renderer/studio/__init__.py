"""`podcast studio`: listen to, edit and re-speak a script in the browser."""
