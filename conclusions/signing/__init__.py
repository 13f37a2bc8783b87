"""Digital signatures of issued notices (PAdES, pyHanko), by concern:

- trust.py: the roots an uploaded signature must chain to (SIGNATURE_TRUST_ROOTS files and TrustRoot rows).
- seal.py: an issuing body's seal (PKCS#12) installed and used: the server signs the frozen PDF at issue.
- appearance.py, placement.py: the visible seal (red seal image, organisation, time) and where Decree 30 puts it.
- inspect.py: what pyHanko says of a PDF's signatures (intact, trusted, what they cover); loops.py: calling
  pyHanko's synchronous API where an event loop runs.
- revisions.py: what a revision appended to the frozen PDF may change (signatures only).
- upload.py: a notice signed elsewhere (a token) uploaded back: accepted only if it is the frozen PDF plus signatures.
- copies.py: the official copy of a notice (the newest signed copy, else the frozen PDF) and finding a notice by file.
- verify.py: the public verify page's answer.
- views.py, forms.py, admin.py: the upload on the notice page, the public verify page, the seals in Admin.
"""
