"""Word files: the GB/T 9704 .docx writer, the .docx reader, layout profiles, LibreOffice preview."""
