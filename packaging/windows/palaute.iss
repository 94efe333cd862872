; Inno Setup 6 script: a per-user install of the PyInstaller bundle (no admin rights).
; Built by packaging/windows/build.ps1, which passes the version read from the package:
;   iscc /DAppVersion=0.1.0 packaging\windows\palaute.iss
; Uninstalling keeps the user's data (%LOCALAPPDATA%\Palaute) unless they say yes to removing it, or pass
; /DELETEUSERDATA=yes to a silent uninstall.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z palaute.iss (build.ps1 reads it from desktop.__version__)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\Palaute"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\palaute.ico"
#endif
; The same id as desktop.APP_ID, which the app gives itself with SetCurrentProcessExplicitAppUserModelID:
; notifications then show under the Start-menu entry's name and icon.
#define AppUserModelID "fi.palaute.Palaute"
; The value name desktop/platform/autostart/windows.py uses, so the installer and Settings agree.
#define RunValue "Palaute"

[Setup]
; Never change AppId: it ties upgrades and the uninstaller to earlier installs.
AppId={{5A1C8E37-2F4B-4C9D-9E1A-7B3D6F0C2A41}
AppName=Palaute
AppVersion={#AppVersion}
AppVerName=Palaute {#AppVersion}
AppPublisher=Palaute
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install.
DefaultDirName={autopf}\Palaute
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=palaute-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\palaute.exe
UninstallDisplayName=Palaute
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closes a running Palaute (Restart Manager) before files are replaced on upgrade.
CloseApplications=yes
RestartApplications=no
MinVersion=10.0

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fi"; MessagesFile: "compiler:Languages\Finnish.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "autostart"; Description: "Start Palaute when I sign in to Windows"

[Files]
; The whole bundle; an upgrade replaces it (files the new version no longer has are removed below).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A previous version's bundle: left-over modules from it must not mix with the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Palaute"; Filename: "{app}\palaute.exe"; AppUserModelID: "{#AppUserModelID}"; Comment: "Capture product insights during customer calls"

[Registry]
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#RunValue}"; ValueData: """{app}\palaute.exe"""; Tasks: autostart

[Run]
Filename: "{app}\palaute.exe"; Description: "Start Palaute now"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; The tray app must not hold its files open while they are removed.
Filename: "{sys}\taskkill.exe"; Parameters: "/f /t /im palaute.exe"; Flags: runhidden; RunOnceId: "StopPalaute"

[UninstallDelete]
Type: filesandordirs; Name: "{app}"

[Code]
const
  RunKey = 'Software\Microsoft\Windows\CurrentVersion\Run';

function UserDataDir(): String;
begin
  { platformdirs' user_data_dir("Palaute", appauthor=False); the logs are inside it, in Logs\ }
  Result := ExpandConstant('{localappdata}\Palaute');
end;

function WantsDataRemoved(): Boolean;
begin
  if UninstallSilent() then
    Result := CompareText(ExpandConstant('{param:DELETEUSERDATA|no}'), 'yes') = 0
  else
    Result := MsgBox('Also delete your Palaute data (captured insights not yet synced, settings and logs) in '
      + UserDataDir() + '?' + #13#10#13#10 + 'Choose No to keep it for a later reinstall.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    { Start at login may have been switched on later in Settings, not only by the installer's task. }
    RegDeleteValue(HKEY_CURRENT_USER, RunKey, '{#RunValue}');
  if (CurUninstallStep = usPostUninstall) and DirExists(UserDataDir()) and WantsDataRemoved() then
    DelTree(UserDataDir(), True, True, True);
end;
