<#
.SYNOPSIS
  Remove the PostGuard companion for the current user: the logon task, the running
  companion and the venv. -Purge also deletes the data directory and its secrets.
#>
param([switch]$Purge)
$ErrorActionPreference = 'Continue'
$AppDir = Join-Path $env:LOCALAPPDATA 'PostGuard Companion'
$TaskName = "PostGuard companion ($env:USERNAME)"
Stop-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
# Only this user's companion processes started from this install.
$me = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value
Get-CimInstance Win32_Process -Filter "Name = 'pythonw.exe' OR Name = 'python.exe' OR Name = 'postguard.exe'" |
    Where-Object { $_.ExecutablePath -like "$AppDir\*" -and (Invoke-CimMethod -InputObject $_ -MethodName GetOwnerSid).Sid -eq $me } |
    ForEach-Object { Stop-Process -Id $_.ProcessId -Force }
if ($Purge -and (Test-Path "$AppDir\venv\Scripts\python.exe")) {
    & "$AppDir\venv\Scripts\postguard.exe" roster clear | Out-Null
    & "$AppDir\venv\Scripts\python.exe" -c "import keyring`nfor n in ('extension-token', 'roster-key', 'paired-installs'):`n    try: keyring.delete_password('PostGuard', n)`n    except Exception: pass"
    Remove-Item -Recurse -Force (Join-Path $env:LOCALAPPDATA 'PostGuard') -ErrorAction SilentlyContinue
    Write-Host '==> deleted the data directory and the secrets'
}
Remove-Item -Recurse -Force $AppDir -ErrorAction SilentlyContinue
Write-Host "==> PostGuard companion removed for $env:USERNAME"
