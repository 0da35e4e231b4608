"""Uploaded files, the writer's (portal) and the staff's (desk): what a file is, judged by its
content (`content`), and how it is named and kept on disk (`storage`). No models here: each side
keeps its own table."""
