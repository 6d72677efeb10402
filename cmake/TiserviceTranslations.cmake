# German is the language of the code; English comes from translations/tiservice_en.ts through
# Qt's translation tools (Debian package qt6-l10n-tools):
#   lupdate  collects every TIS_TEXT(...) message from the sources into the .ts file,
#   Qt Linguist (or any editor) fills in the English,
#   lrelease compiles the .ts into the .qm catalog that is built into libtiservice_core.
# `cmake --build --preset ci --target update_translations` runs lupdate; the translation
# test fails while a message is missing from the .ts or has no English.

set(_qt_bins "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}")
find_program(TISERVICE_LUPDATE NAMES lupdate lupdate-qt6 HINTS "${_qt_bins}" /usr/lib/qt6/bin REQUIRED)
find_program(TISERVICE_LRELEASE NAMES lrelease lrelease-qt6 HINTS "${_qt_bins}" /usr/lib/qt6/bin REQUIRED)

set(TISERVICE_TS_FILE "${PROJECT_SOURCE_DIR}/translations/tiservice_en.ts")
# Where user-facing messages live: the engine, the adapters, every tool and the sample host.
# (The simulator's device texts — what a KoCoBox itself answers — are DeviceText, not messages.)
set(TISERVICE_TRANSLATED_DIRS core plugins tools sample-host)
# The arguments lupdate is called with, here and in the translation test.
set(TISERVICE_LUPDATE_ARGS
  -silent -locations none -no-obsolete -source-language de -target-language en
  -tr-function-alias QT_TRANSLATE_NOOP+=TIS_TEXT,tr=QCoreApplication_tr_unused,translate=QCoreApplication_translate_unused
  -extensions cpp,h,c)

add_custom_target(update_translations
  COMMAND "${TISERVICE_LUPDATE}" ${TISERVICE_LUPDATE_ARGS} ${TISERVICE_TRANSLATED_DIRS} -ts "${TISERVICE_TS_FILE}"
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  COMMENT "lupdate: collecting messages into translations/tiservice_en.ts"
  VERBATIM)

# lrelease → .qm → a C array compiled into `target` (the core library); call it from the
# folder that defines the target, as CMake wants custom commands next to their consumer.
function(tiservice_embed_translations target)
  set(_qm "${CMAKE_CURRENT_BINARY_DIR}/translations/tiservice_en.qm")
  set(_c "${CMAKE_CURRENT_BINARY_DIR}/translations/tiservice_en_qm.c")
  add_custom_command(
    OUTPUT "${_qm}" "${_c}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/translations"
    COMMAND "${TISERVICE_LRELEASE}" -silent -nounfinished "${TISERVICE_TS_FILE}" -qm "${_qm}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${_qm} -DOUTPUT=${_c}
            -DSYMBOL=tiservice_translations_en_qm -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake"
    DEPENDS "${TISERVICE_TS_FILE}" "${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake"
    COMMENT "lrelease: compiling the English catalog"
    VERBATIM)
  target_sources(${target} PRIVATE "${_c}")
endfunction()
