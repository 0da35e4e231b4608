"""The writer's rights over their personal data (个人信息保护法 第四十四至四十七条) and the
retention schedule: what is held about them (`held`), erasure that keeps the case for statistics
and the archive (`erasure`), and the purge of closed cases past MINPAN_RETENTION_YEARS."""
