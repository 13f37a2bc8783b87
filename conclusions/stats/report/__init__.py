"""The yearly report (Decree 13/2021 Art. 12): its figures (figures), its document parts (body) and its PDF and
DOCX writers (writers)."""
