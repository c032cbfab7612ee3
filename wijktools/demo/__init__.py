"""The fictional demo (FICTIEF): building every example output."""
