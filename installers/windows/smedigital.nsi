; smedigital: the Windows installer (NSIS 3, Unicode), per user, no administrator rights needed.
;
;   makensis /DVERSION=0.1.0 /DPAYLOAD=..\..\dist\smedigital /DOUTFILE=..\..\dist\smedigital-0.1.0-setup.exe smedigital.nsi
;
; PAYLOAD is PyInstaller's one-folder bundle (smedigital.exe, the console program smedigital-cli.exe
; and _internal\). Installs to %LOCALAPPDATA%\Programs\smedigital, puts smedigital-cli on the
; user's PATH (bin\smedigital-cli.cmd), adds a Start-menu entry, registers the .smd.json file type
; under HKCU\Software\Classes and an entry in Settings > Apps with an uninstaller. The user's
; data (%LOCALAPPDATA%\smedigital: the firm library, evidence, backups) is never touched.
; Paths are relative to this file; makensis on Linux compiles it too (CI does, around a stand-in
; payload, so a broken script is caught before the Windows build).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\smedigital"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\smedigital-${VERSION}-setup.exe"
!endif

!define APP "smedigital"
!define EXE "smedigital.exe"
!define CLI "smedigital-cli.exe"
!define PROGID "smedigital.assessment"
!define EXT ".smd.json"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define ICON "..\..\resources\icons\smedigital.ico"

Name "$(AppName)"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "SME Digital Self-Assessment (${APP})"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "smedigital authors"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WordFunc.nsh"
!include "WinMessages.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "Software\${APP}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString AppName ${LANG_SIMPCHINESE} "中小企业数字化水平自评"
LangString AppName ${LANG_ENGLISH} "SME Digital Self-Assessment"
LangString FileTypeName ${LANG_SIMPCHINESE} "中小企业数字化评测文件"
LangString FileTypeName ${LANG_ENGLISH} "SME digital assessment"
LangString GuideName ${LANG_SIMPCHINESE} "中小企业数字化水平自评 用户指南"
LangString GuideName ${LANG_ENGLISH} "SME Digital Self-Assessment user guide"
LangString GuideFile ${LANG_SIMPCHINESE} "smedigital-guide-zh.pdf"
LangString GuideFile ${LANG_ENGLISH} "smedigital-guide-en.pdf"
LangString RunNow ${LANG_SIMPCHINESE} "立即运行"
LangString RunNow ${LANG_ENGLISH} "Run it now"
LangString NotOurFolder ${LANG_SIMPCHINESE} "此文件夹中没有本程序，未删除任何文件。"
LangString NotOurFolder ${LANG_ENGLISH} "This folder does not hold the program; nothing was removed."
LangString StillRunning ${LANG_SIMPCHINESE} "程序仍在运行。请先关闭它，然后点“重试”。"
LangString StillRunning ${LANG_ENGLISH} "The program is still running. Close it, then choose Retry."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Fails (and offers Retry) while the program's files are locked by a running copy.
!macro CheckNotRunning un
  Function ${un}CheckNotRunning
    retry:
    ClearErrors
    ${If} ${FileExists} "$INSTDIR\${EXE}"
      FileOpen $0 "$INSTDIR\${EXE}" a
      ${If} ${Errors}
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" IDRETRY retry
        Abort
      ${EndIf}
      FileClose $0
    ${EndIf}
  FunctionEnd
!macroend
!insertmacro CheckNotRunning ""
!insertmacro CheckNotRunning "un."

Section "!${APP}" SecMain
  SectionIn RO
  SetShellVarContext current
  Call CheckNotRunning
  ; An update replaces the program folder whole, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The command line on the user's PATH, through a one-line wrapper in bin\ so that the window
  ; program and uninstall.exe stay off it: `smedigital-cli score firm.smd.json` in any console.
  CreateDirectory "$INSTDIR\bin"
  FileOpen $0 "$INSTDIR\bin\smedigital-cli.cmd" w
  FileWrite $0 '@"%~dp0..\${CLI}" %*$\r$\n'
  FileClose $0
  ReadRegStr $0 HKCU "Environment" "Path"
  ${WordReplace} "$0" "$INSTDIR\bin" "" "+" $1
  ${If} $1 == $0
    ${If} $0 == ""
      StrCpy $0 "$INSTDIR\bin"
    ${Else}
      StrCpy $0 "$0;$INSTDIR\bin"
    ${EndIf}
    WriteRegExpandStr HKCU "Environment" "Path" "$0"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"

  ; The Start-menu entry is named in the installer's language; remember it for the uninstaller.
  ReadRegStr $0 HKCU "Software\${APP}" "Shortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}
  CreateShortCut "$SMPROGRAMS\$(AppName).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegStr HKCU "Software\${APP}" "Shortcut" "$SMPROGRAMS\$(AppName).lnk"
  ; The user guide (the PDF built with the bundle), in the installer's language, beside it.
  ReadRegStr $0 HKCU "Software\${APP}" "GuideShortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\_internal\resources\guide\$(GuideFile)"
    CreateShortCut "$SMPROGRAMS\$(GuideName).lnk" "$INSTDIR\_internal\resources\guide\$(GuideFile)"
    WriteRegStr HKCU "Software\${APP}" "GuideShortcut" "$SMPROGRAMS\$(GuideName).lnk"
  ${EndIf}

  ; The file type. Explorer matches the last extension (.json), so .smd.json files also get
  ; smedigital in "Open with" for .json, without taking .json over.
  WriteRegStr HKCU "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${EXT}" "Content Type" "application/x-smedigital-assessment"
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(FileTypeName)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\${EXE}",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\SupportedTypes" "${EXT}" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Settings > Apps
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "$(AppName)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\${EXE}",0'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "smedigital"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function .onInstSuccess
  ; Record the installed size (KB) for Settings > Apps.
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    SectionGetSize ${SecMain} $0
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Remove only what the installer put there: never a whole folder the user may have chosen.
  ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
    MessageBox MB_OK|MB_ICONSTOP "$(NotOurFolder)"
    Abort
  ${EndIf}
  Call un.CheckNotRunning
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\bin\smedigital-cli.cmd"
  RMDir "$INSTDIR\bin"
  Delete "$INSTDIR\uninstall.exe"

  ; Our folder off the user's PATH again (only that entry).
  ReadRegStr $0 HKCU "Environment" "Path"
  ${un.WordReplace} "$0" ";$INSTDIR\bin" "" "+" $1
  ${un.WordReplace} "$1" "$INSTDIR\bin" "" "+" $1
  ${If} $1 != $0
    ${If} $1 == ""
      DeleteRegValue HKCU "Environment" "Path"
    ${Else}
      WriteRegExpandStr HKCU "Environment" "Path" "$1"
    ${EndIf}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
  RMDir "$INSTDIR"

  ReadRegStr $0 HKCU "Software\${APP}" "Shortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}
  ReadRegStr $0 HKCU "Software\${APP}" "GuideShortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}

  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\${EXT}"
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
SectionEnd
