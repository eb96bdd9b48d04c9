# cmake -DINPUT=file -DOUTPUT=file.inc -P KilnEmbedFile.cmake: writes the
# bytes of INPUT as a comma-separated C initializer list (16 per line), for
# #include inside an array definition.
file(READ "${INPUT}" hex HEX)
string(REPEAT "[0-9a-f]" 32 line)
string(REGEX REPLACE "(${line})" "\\1\n" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}" "${bytes}\n")
