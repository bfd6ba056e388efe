<#
.SYNOPSIS
  PostGuard companion: install for the current user and start it at every logon.
.DESCRIPTION
  Runs as the staff member, no administrator rights (Intune: a platform script with "Run
  this script using the logged on credentials"; Group Policy: a user logon script).
   - creates %LOCALAPPDATA%\PostGuard Companion\venv and installs the wheel into it;
   - single-user machines: the companion adopts the machine token that install-machine.ps1
     wrote into the browser policy, and uses the policy's port (17345 by default);
   - -SharedHost (Remote Desktop): a port of its own (20000 + the account's RID mod 40000)
     and its own token, left in pairing.json for the SYSTEM pairing task;
   - registers a Task Scheduler task that starts the companion (hidden, pythonw) at logon,
     restarts it if it fails, and starts it now;
   - runs a first `postguard sync` when -SyncSource is given.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install-user.ps1 -Wheel \\fileserver\PostGuard\postguard-0.1.0-py3-none-any.whl -SyncSource \\fileserver\PostGuard\school
#>
param(
    [string]$Wheel,
    [string]$FindLinks,
    [string]$SyncSource,
    [int]$Port = 0,
    [switch]$SharedHost,
    [switch]$NoStart
)
$ErrorActionPreference = 'Stop'
$AppDir = Join-Path $env:LOCALAPPDATA 'PostGuard Companion'
$TaskName = "PostGuard companion ($env:USERNAME)"
if (-not $Wheel) { $Wheel = Get-ChildItem -Path $PSScriptRoot, (Join-Path $PSScriptRoot '..\..') -Filter 'postguard-*.whl' -ErrorAction SilentlyContinue | Sort-Object Name | Select-Object -Last 1 -ExpandProperty FullName }
if (-not $Wheel -or -not (Test-Path $Wheel)) { throw 'No postguard wheel: give -Wheel PATH (python3 build.py makes it).' }

# Python 3.11+: the py launcher first, then python.exe on PATH.
$python = $null
foreach ($candidate in @(@('py.exe', '-3'), @('python.exe'))) {
    if (Get-Command $candidate[0] -ErrorAction SilentlyContinue) {
        $exe = & $candidate[0] @($candidate[1..9] | Where-Object { $_ }) -c 'import sys; print(sys.executable if sys.version_info >= (3, 11) else "")'
        if ($LASTEXITCODE -eq 0 -and $exe) { $python = $exe.Trim(); break }
    }
}
if (-not $python) { throw 'PostGuard needs Python 3.11 or newer (winget install Python.Python.3.12, or deploy it with Intune).' }

New-Item -ItemType Directory -Path $AppDir -Force | Out-Null
Write-Host "==> $AppDir\venv"
& $python -m venv "$AppDir\venv"
$venvPython = "$AppDir\venv\Scripts\python.exe"
$pipArgs = @('-m', 'pip', 'install', '-q', '--disable-pip-version-check')
if ($FindLinks) { $pipArgs += @('--no-index', '--find-links', $FindLinks) }
& $venvPython @pipArgs $Wheel
if ($LASTEXITCODE -ne 0) { throw "pip could not install $Wheel" }
$postguard = "$AppDir\venv\Scripts\postguard.exe"

if ($SharedHost) {
    if (-not $Port) {
        $rid = [int64](([Security.Principal.WindowsIdentity]::GetCurrent().User.Value).Split('-')[-1])
        $Port = 20000 + ($rid % 40000)  # same rule as `postguard policy port --per-user`
    }
    $token = (& $postguard token).Trim()
    $pairing = Join-Path $AppDir 'pairing.json'
    [IO.File]::WriteAllText($pairing, (@{ token = $token; companionPort = $Port } | ConvertTo-Json), (New-Object Text.UTF8Encoding $false))
    icacls $pairing /inheritance:r /grant:r "${env:USERNAME}:(F)" 'SYSTEM:(R)' | Out-Null
    Write-Host "==> shared host: port $Port; the PostGuard pairing task puts this user's token into the browser policy at logon"
} else {
    if (-not $Port) { $Port = [int](& $postguard policy port) }
    & $postguard policy adopt-token
    if ($LASTEXITCODE -ne 0) { Write-Host "==> no machine token in the browser policy yet: run install-machine.ps1, or pair by hand with: $postguard pair" }
}
Set-Content -Path (Join-Path $AppDir 'port') -Value $Port
if ($SyncSource) {
    & $postguard sync --source $SyncSource
    if ($LASTEXITCODE -ne 0) { Write-Host '==> first sync failed; the companion retries at start and every few hours' }
}

$action = New-ScheduledTaskAction -Execute "$AppDir\venv\Scripts\pythonw.exe" -Argument "-m companion serve --port $Port" -WorkingDirectory $AppDir
$trigger = New-ScheduledTaskTrigger -AtLogOn -User "$env:USERDOMAIN\$env:USERNAME"
$principal = New-ScheduledTaskPrincipal -UserId "$env:USERDOMAIN\$env:USERNAME" -LogonType Interactive -RunLevel Limited
$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -ExecutionTimeLimit ([TimeSpan]::Zero) `
    -RestartCount 5 -RestartInterval (New-TimeSpan -Minutes 1) -MultipleInstances IgnoreNew
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force | Out-Null
if (-not $NoStart) { Start-ScheduledTask -TaskName $TaskName }
Write-Host "==> installed. Status page: http://127.0.0.1:$Port/  Check: $postguard doctor --port $Port"
