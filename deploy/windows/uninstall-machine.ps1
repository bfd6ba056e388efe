<#
.SYNOPSIS
  Remove PostGuard's browser policy from this machine (elevated). Other extensions'
  entries in ExtensionInstallForcelist and ExtensionSettings are left as they are.
#>
#Requires -RunAsAdministrator
$ErrorActionPreference = 'Continue'
$ExtensionId = 'hjpeoajjpodgnoempjfionihbelgciic'
$GeckoId = 'postguard@cryptschool.example'
foreach ($root in 'HKLM:\SOFTWARE\Policies\Google\Chrome', 'HKLM:\SOFTWARE\Policies\Microsoft\Edge') {
    $forcelist = "$root\ExtensionInstallForcelist"
    if (Test-Path $forcelist) {
        (Get-ItemProperty $forcelist).PSObject.Properties | Where-Object { $_.Name -match '^\d+$' -and "$($_.Value)".Split(';')[0] -eq $ExtensionId } |
            ForEach-Object { Remove-ItemProperty -Path $forcelist -Name $_.Name }
    }
    $raw = (Get-ItemProperty -Path $root -Name ExtensionSettings -ErrorAction SilentlyContinue).ExtensionSettings
    if ($raw) {
        $settings = $raw | ConvertFrom-Json
        $settings.PSObject.Properties.Remove($ExtensionId)
        if (@($settings.PSObject.Properties).Count) { Set-ItemProperty -Path $root -Name ExtensionSettings -Value ($settings | ConvertTo-Json -Depth 10 -Compress) }
        else { Remove-ItemProperty -Path $root -Name ExtensionSettings }
    }
    Remove-Item -Path "$root\3rdparty\extensions\$ExtensionId" -Recurse -Force -ErrorAction SilentlyContinue
}
foreach ($dir in @("$env:ProgramFiles\Mozilla Firefox", "${env:ProgramFiles(x86)}\Mozilla Firefox")) {
    $target = "$dir\distribution\policies.json"
    if (-not (Test-Path $target)) { continue }
    $policies = Get-Content -Raw -Encoding UTF8 $target | ConvertFrom-Json
    if ($policies.policies.ExtensionSettings) { $policies.policies.ExtensionSettings.PSObject.Properties.Remove($GeckoId) }
    if ($policies.policies.'3rdparty'.Extensions) { $policies.policies.'3rdparty'.Extensions.PSObject.Properties.Remove($GeckoId) }
    [IO.File]::WriteAllText($target, ($policies | ConvertTo-Json -Depth 12), (New-Object Text.UTF8Encoding $false))
}
Unregister-ScheduledTask -TaskName 'PostGuard pairing' -Confirm:$false -ErrorAction SilentlyContinue
Remove-Item -Recurse -Force (Join-Path $env:ProgramData 'PostGuard') -ErrorAction SilentlyContinue
Remove-Item -Path 'HKLM:\SOFTWARE\PostGuard' -Recurse -Force -ErrorAction SilentlyContinue
Write-Host '==> PostGuard policy removed; browsers drop the extension at their next policy refresh (chrome://policy: Reload policies)'
