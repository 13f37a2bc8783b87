"""Public pages (no login, namespace `public` at /cong-khai/): what is public (publication), the pages and their
filter form."""
