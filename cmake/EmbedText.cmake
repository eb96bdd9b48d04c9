# cmake -DIN=<file> -DOUT=<header> -DSYMBOL=<name> -P EmbedText.cmake
# Writes a header defining `static const char SYMBOL[]` with IN's text, so a
# tool carries a source file (e.g. import declarations) without reading it at
# run time. The raw string delimiter cannot occur in MLIR text we ship.
file(READ "${IN}" _text)
file(WRITE "${OUT}.tmp"
  "// Generated from ${IN} by cmake/EmbedText.cmake; do not edit.\n"
  "static const char ${SYMBOL}[] = R\"kiln_embedded(${_text})kiln_embedded\";\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
