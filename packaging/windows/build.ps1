# Build the Windows bundle (dist\Palaute\), self-test it, and make the installer
# (dist\palaute-<version>-windows-x64-setup.exe). Needs Python 3.11+ and Inno Setup 6.
# Run from anywhere: powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Invoke-Checked([string]$what, [scriptblock]$command) {
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)" }
}

$py = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }
if (-not (Test-Path $py)) {
    Invoke-Checked "creating .venv" { python -m venv .venv }
    $py = ".venv\Scripts\python.exe"
}
# Checked without an import error on stderr: Windows PowerShell 5.1 turns native stderr into a terminating error.
& $py -c "import importlib.util as u, sys; sys.exit(not all(u.find_spec(m) for m in ('PyInstaller', 'PySide6', 'sqlalchemy', 'keyring')))"
if ($LASTEXITCODE -ne 0) {
    Invoke-Checked "pip" { & $py -m pip install -q --upgrade pip }
    Invoke-Checked "installing the app" { & $py -m pip install -q -e ".[desktop,build]" }
}
$version = (& $py -c "import desktop; print(desktop.__version__)").Trim()

$env:QT_QPA_PLATFORM = "offscreen"   # the icon renderer needs no screen
Invoke-Checked "rendering the icons" { & $py packaging\icons.py build\icons }
Remove-Item Env:\QT_QPA_PLATFORM
Invoke-Checked "PyInstaller" { & $py -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller build.spec }

# The windowed palaute.exe has no console: its self-test verdict comes back through a file.
$report = Join-Path (Resolve-Path build) "self-test.txt"
Remove-Item $report -ErrorAction SilentlyContinue
$env:PALAUTE_SELF_TEST_REPORT = $report
$exe = (Resolve-Path "dist\Palaute\palaute.exe").Path   # Start-Process does not follow Set-Location
$test = Start-Process -FilePath $exe -ArgumentList "--self-test" -Wait -PassThru
Remove-Item Env:\PALAUTE_SELF_TEST_REPORT
if (Test-Path $report) { Get-Content $report }
if ($test.ExitCode -ne 0) { throw "the frozen app's self-test failed (exit code $($test.ExitCode))" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 is not installed (winget install JRSoftware.InnoSetup)" }
Invoke-Checked "Inno Setup" { & $iscc /Qp "/DAppVersion=$version" packaging\windows\palaute.iss }
Write-Host "built dist\Palaute\ and dist\palaute-$version-windows-x64-setup.exe"
