<#
.SYNOPSIS
  Shared hosts (Remote Desktop): write each logged-on user's companion token and port into
  that user's own browser policy key. Runs as SYSTEM at every logon (the "PostGuard pairing"
  task install-machine.ps1 -SharedHost registers), because users cannot write
  HKCU\Software\Policies themselves. Reads %LOCALAPPDATA%\PostGuard Companion\pairing.json,
  which install-user.ps1 -SharedHost writes (readable by that user and SYSTEM only).
#>
$ErrorActionPreference = 'Continue'
$ExtensionId = 'hjpeoajjpodgnoempjfionihbelgciic'
$deadline = (Get-Date).AddSeconds(90)  # the user's own install may still be running at first logon
do {
    $pending = 0
    foreach ($hive in Get-ChildItem Registry::HKEY_USERS | Where-Object { $_.PSChildName -match '^S-1-5-21-[\d-]+$' }) {
        $sid = $hive.PSChildName
        $profilePath = (Get-ItemProperty "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\$sid" -ErrorAction SilentlyContinue).ProfileImagePath
        if (-not $profilePath) { continue }
        $file = Join-Path $profilePath 'AppData\Local\PostGuard Companion\pairing.json'
        if (-not (Test-Path $file)) { $pending++; continue }
        try { $pairing = Get-Content -Raw $file | ConvertFrom-Json } catch { continue }
        # Only a token and a port, and only well-formed ones: the file is the user's own.
        $token = "$($pairing.token)"; $port = [int]$pairing.companionPort
        if ($token -notmatch '^[A-Za-z0-9_-]{20,128}$' -or $port -lt 1024 -or $port -gt 65535) { continue }
        foreach ($browser in 'Google\Chrome', 'Microsoft\Edge') {
            $key = "Registry::HKEY_USERS\$sid\Software\Policies\$browser\3rdparty\extensions\$ExtensionId\policy"
            New-Item -Path $key -Force | Out-Null
            Set-ItemProperty -Path $key -Name token -Value $token -Type String
            Set-ItemProperty -Path $key -Name companionPort -Value $port -Type DWord
        }
    }
    if ($pending -eq 0) { break }
    Start-Sleep -Seconds 10
} while ((Get-Date) -lt $deadline)
