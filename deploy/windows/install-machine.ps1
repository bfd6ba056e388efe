<#
.SYNOPSIS
  PostGuard browser policy for this Windows machine (run elevated, once per machine).
.DESCRIPTION
  Intune: a platform script in system context; Group Policy: a computer startup script.
  Reads the files `postguard policy generate --out POLICYDIR` wrote and, for Chrome and Edge:
   - adds PostGuard to ExtensionInstallForcelist (at the next free number, keeping the
     school's other entries) and merges its entry into ExtensionSettings (force_installed,
     pinned to the toolbar), leaving other extensions' settings alone;
   - writes the extension's managed settings under 3rdparty\extensions\<id>\policy, with a
     per-machine token (made once, kept across reinstalls) that each user's companion adopts.
  Firefox: writes distribution\policies.json (merged into an existing one).
  -SharedHost (Remote Desktop Session Hosts): no machine token or port; each user's
  companion runs on its own port with its own token, written into that user's HKCU policy
  key at logon by the "PostGuard pairing" task (SYSTEM), because users cannot write
  HKCU\Software\Policies themselves.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install-machine.ps1 -PolicyDir \\fileserver\PostGuard\policy
#>
#Requires -RunAsAdministrator
param(
    [Parameter(Mandatory = $true)][string]$PolicyDir,
    [switch]$SharedHost
)
$ErrorActionPreference = 'Stop'
$ExtensionId = 'hjpeoajjpodgnoempjfionihbelgciic'
$GeckoId = 'postguard@cryptschool.example'
$StateKey = 'HKLM:\SOFTWARE\PostGuard'

function Read-Json([string]$Path) {
    if (-not (Test-Path $Path)) { throw "$Path is missing: run postguard policy generate --out $PolicyDir" }
    return Get-Content -Raw -Encoding UTF8 $Path | ConvertFrom-Json
}

# The machine token: made once, kept in HKLM\SOFTWARE\PostGuard so reinstalls keep staff paired.
$Token = $null
if (-not $SharedHost) {
    New-Item -Path $StateKey -Force | Out-Null
    $Token = (Get-ItemProperty -Path $StateKey -Name MachineToken -ErrorAction SilentlyContinue).MachineToken
    if (-not $Token) {
        $bytes = New-Object byte[] 32
        [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
        $Token = [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
        Set-ItemProperty -Path $StateKey -Name MachineToken -Value $Token -Type String
    }
}

function Set-ChromiumPolicy([string]$Root, $Policy) {
    $forcelist = "$Root\ExtensionInstallForcelist"
    New-Item -Path $forcelist -Force | Out-Null
    $entry = $Policy.ExtensionInstallForcelist[0]
    $existing = Get-ItemProperty -Path $forcelist
    $names = @($existing.PSObject.Properties | Where-Object { $_.Name -match '^\d+$' })
    $mine = $names | Where-Object { "$($_.Value)".Split(';')[0] -eq $ExtensionId } | Select-Object -First 1
    if ($mine) { $slot = $mine.Name } else {
        $slot = 1
        while ($names.Name -contains "$slot") { $slot++ }
    }
    Set-ItemProperty -Path $forcelist -Name "$slot" -Value $entry -Type String

    # ExtensionSettings is one JSON value for every extension: merge ours in.
    $settings = @{}
    $raw = (Get-ItemProperty -Path $Root -Name ExtensionSettings -ErrorAction SilentlyContinue).ExtensionSettings
    if ($raw) {
        $parsed = $raw | ConvertFrom-Json
        foreach ($p in $parsed.PSObject.Properties) { $settings[$p.Name] = $p.Value }
    }
    $settings[$ExtensionId] = $Policy.ExtensionSettings.$ExtensionId
    Set-ItemProperty -Path $Root -Name ExtensionSettings -Value ($settings | ConvertTo-Json -Depth 10 -Compress) -Type String

    $base = "$Root\3rdparty\extensions\$ExtensionId\policy"
    if (Test-Path $base) { Remove-Item -Path $base -Recurse -Force }
    New-Item -Path $base -Force | Out-Null
    $managed = $Policy.'3rdparty'.extensions.$ExtensionId
    foreach ($p in $managed.PSObject.Properties) {
        if ($SharedHost -and ($p.Name -eq 'token' -or $p.Name -eq 'companionPort')) { continue }
        $value = $p.Value
        if ($p.Name -eq 'token') { $value = $Token }
        if ($value -is [array]) {
            New-Item -Path "$base\$($p.Name)" -Force | Out-Null
            for ($i = 0; $i -lt $value.Count; $i++) { Set-ItemProperty -Path "$base\$($p.Name)" -Name "$($i + 1)" -Value "$($value[$i])" -Type String }
        } elseif ($value -is [bool]) {
            Set-ItemProperty -Path $base -Name $p.Name -Value ([int]$value) -Type DWord
        } elseif ($value -is [int] -or $value -is [long]) {
            Set-ItemProperty -Path $base -Name $p.Name -Value ([int]$value) -Type DWord
        } else {
            Set-ItemProperty -Path $base -Name $p.Name -Value "$value" -Type String
        }
    }
    if (-not $SharedHost -and -not $managed.token) { Set-ItemProperty -Path $base -Name token -Value $Token -Type String }
    Write-Host "==> $Root"
}

Set-ChromiumPolicy 'HKLM:\SOFTWARE\Policies\Google\Chrome' (Read-Json (Join-Path $PolicyDir 'linux\chrome\postguard.json'))
Set-ChromiumPolicy 'HKLM:\SOFTWARE\Policies\Microsoft\Edge' (Read-Json (Join-Path $PolicyDir 'linux\edge\postguard.json'))

# Firefox: distribution\policies.json, merged with what is there.
$firefox = Read-Json (Join-Path $PolicyDir 'firefox\policies.json')
$managed = $firefox.policies.'3rdparty'.Extensions.$GeckoId
if ($SharedHost) {
    $managed.PSObject.Properties.Remove('token'); $managed.PSObject.Properties.Remove('companionPort')
} else { $managed | Add-Member -NotePropertyName token -NotePropertyValue $Token -Force }
foreach ($dir in @("$env:ProgramFiles\Mozilla Firefox", "${env:ProgramFiles(x86)}\Mozilla Firefox")) {
    if (-not (Test-Path "$dir\firefox.exe")) { continue }
    New-Item -ItemType Directory -Path "$dir\distribution" -Force | Out-Null
    $target = "$dir\distribution\policies.json"
    $merged = if (Test-Path $target) { Get-Content -Raw -Encoding UTF8 $target | ConvertFrom-Json } else { [pscustomobject]@{ policies = [pscustomobject]@{} } }
    foreach ($name in 'ExtensionSettings', '3rdparty') {
        if (-not $merged.policies.$name) { $merged.policies | Add-Member -NotePropertyName $name -NotePropertyValue ([pscustomobject]@{}) -Force }
    }
    $merged.policies.ExtensionSettings | Add-Member -NotePropertyName $GeckoId -NotePropertyValue $firefox.policies.ExtensionSettings.$GeckoId -Force
    if (-not $merged.policies.'3rdparty'.Extensions) { $merged.policies.'3rdparty' | Add-Member -NotePropertyName Extensions -NotePropertyValue ([pscustomobject]@{}) -Force }
    $merged.policies.'3rdparty'.Extensions | Add-Member -NotePropertyName $GeckoId -NotePropertyValue $managed -Force
    [IO.File]::WriteAllText($target, ($merged | ConvertTo-Json -Depth 12), (New-Object Text.UTF8Encoding $false))
    Write-Host "==> $target"
}

if ($SharedHost) {
    $programData = Join-Path $env:ProgramData 'PostGuard'
    New-Item -ItemType Directory -Path $programData -Force | Out-Null
    Copy-Item -Path (Join-Path $PSScriptRoot 'pair-users.ps1') -Destination $programData -Force
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -NonInteractive -ExecutionPolicy Bypass -File `"$programData\pair-users.ps1`""
    $trigger = New-ScheduledTaskTrigger -AtLogOn
    $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
    $settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -ExecutionTimeLimit (New-TimeSpan -Minutes 5) -MultipleInstances Queue
    Register-ScheduledTask -TaskName 'PostGuard pairing' -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force | Out-Null
    Write-Host '==> shared host: the "PostGuard pairing" task writes each user''s token and port at logon'
}
Write-Host '==> done. Check on this machine: chrome://policy, edge://policy, about:policies'
