<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv">
<context>
    <name>CaptureWindow</name>
    <message>
        <source>Palaute — Capture insight</source>
        <translation>Palaute — Anteckna insikt</translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation>&amp;Vad sa kunden?</translation>
    </message>
    <message>
        <source>Type the insight. Ctrl+Enter saves, Esc hides and keeps it.</source>
        <translation>Skriv insikten. Ctrl+Enter sparar, Esc döljer och behåller den.</translation>
    </message>
    <message>
        <source>Insight text</source>
        <translation>Insiktens text</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Gemenskap:</translation>
    </message>
    <message>
        <source>Product &amp;area:</source>
        <translation>Produkt&amp;område:</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>K&amp;undreferens:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Påverkan:</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Gemenskap</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Produktområde</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Kundreferens</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Påverkan</translation>
    </message>
    <message>
        <source>Type a few letters of the community&apos;s name to pick it.</source>
        <translation>Skriv några bokstäver av gemenskapens namn för att välja den.</translation>
    </message>
    <message>
        <source>Type to choose a community</source>
        <translation>Skriv för att välja en gemenskap</translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation>Ärende- eller kundnummer (valfritt)</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Inte vald</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Spara (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save insight</source>
        <translation>Spara insikt</translation>
    </message>
    <message>
        <source>Hide (Esc)</source>
        <translation>Dölj (Esc)</translation>
    </message>
    <message>
        <source>Hide and keep the draft</source>
        <translation>Dölj och behåll utkastet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Your draft could not be saved: {reason}</source>
        <translation>Utkastet kunde inte sparas: {reason}</translation>
    </message>
    <message>
        <source>The insight is empty. Type what the customer said, then save.</source>
        <translation>Insikten är tom. Skriv vad kunden sa och spara sedan.</translation>
    </message>
    <message>
        <source>Palaute is still opening its database. Try again in a moment.</source>
        <translation>Palaute öppnar fortfarande sin databas. Försök igen om en stund.</translation>
    </message>
    <message>
        <source>Insight saved</source>
        <translation>Insikten sparad</translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <source>Your desktop shows no tray icons, so Palaute uses this window instead. On GNOME, install the “AppIndicator and KStatusNotifierItem Support” extension to get a Palaute icon in the top bar.</source>
        <translation>Ditt skrivbord visar inga ikoner i meddelandefältet, så Palaute använder det här fönstret i stället. I GNOME får du en Palaute-ikon i toppraden genom att installera tillägget ”AppIndicator and KStatusNotifierItem Support”.</translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation>Palaute</translation>
    </message>
    <message>
        <source>Palaute is running. Press {key} in any application to capture an insight.</source>
        <translation>Palaute körs. Tryck på {key} i vilket program som helst för att anteckna en insikt.</translation>
    </message>
    <message>
        <source>Palaute is running. Use the button below to capture an insight.</source>
        <translation>Palaute körs. Använd knappen nedan för att anteckna en insikt.</translation>
    </message>
    <message>
        <source>Closing this window keeps Palaute running.</source>
        <translation>Palaute fortsätter att köras när du stänger det här fönstret.</translation>
    </message>
    <message>
        <source>&amp;Capture insight…</source>
        <translation>&amp;Anteckna insikt…</translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation>Öppna &amp;inkorgen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Inställ&amp;ningar…</translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation>Avsl&amp;uta Palaute</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Obs</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>Impact</name>
    <message>
        <source>Low</source>
        <translation>Låg</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hög</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>Blockerande</translation>
    </message>
</context>
<context>
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation>Palaute — Inkorg</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Sparad</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Gemenskap</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Påverkan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Insight</source>
        <translation>Insikt</translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation>Dina insikter</translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s) saved on this computer</source>
        <translation>
            <numerusform>%n insikt sparad på den här datorn</numerusform>
            <numerusform>%n insikter sparade på den här datorn</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Palaute — Settings</source>
        <translation>Palaute — Inställningar</translation>
    </message>
    <message>
        <source>Capture &amp;hotkey:</source>
        <translation>Snabb&amp;tangent:</translation>
    </message>
    <message>
        <source>Default &amp;community:</source>
        <translation>&amp;Standardgemenskap:</translation>
    </message>
    <message>
        <source>Start at lo&amp;gin:</source>
        <translation>Starta vid in&amp;loggning:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;pråk:</translation>
    </message>
    <message>
        <source>Capture hotkey</source>
        <translation>Snabbtangent för att anteckna</translation>
    </message>
    <message>
        <source>Press the new key combination, for example Ctrl+Alt+I.</source>
        <translation>Tryck på den nya tangentkombinationen, till exempel Ctrl+Alt+I.</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Stan&amp;dard</translation>
    </message>
    <message>
        <source>Use the default hotkey</source>
        <translation>Använd standardtangenten</translation>
    </message>
    <message>
        <source>Default community</source>
        <translation>Standardgemenskap</translation>
    </message>
    <message>
        <source>The last one used</source>
        <translation>Den senast använda</translation>
    </message>
    <message>
        <source>Start Palaute when I log in</source>
        <translation>Starta Palaute när jag loggar in</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Starta vid inloggning</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemets standard</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation>Stäng inställningarna</translation>
    </message>
    <message>
        <source>Hotkey message</source>
        <translation>Meddelande om snabbtangenten</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Global hotkeys are not available on this desktop.</source>
        <translation>Globala snabbtangenter är inte tillgängliga på det här skrivbordet.</translation>
    </message>
    <message>
        <source>The hotkey stays {key}.</source>
        <translation>Snabbtangenten förblir {key}.</translation>
    </message>
    <message>
        <source>Saved. Press {key} anywhere to capture an insight.</source>
        <translation>Sparat. Tryck på {key} var som helst för att anteckna en insikt.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation>Logga in på Palaute-servern</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>Inloggningsstatus</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Serveradress:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation>Fyll i serveradressen, ditt användarnamn och ditt lösenord.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Loggar in…</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Mottagen</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planerad</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Levererad</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Avböjd</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Capture insight…</source>
        <translation>&amp;Anteckna insikt…</translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation>Öppna &amp;inkorgen</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynka nu</translation>
    </message>
    <message>
        <source>&amp;Pause sync</source>
        <translation>&amp;Pausa synkningen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Inställ&amp;ningar…</translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation>Avsl&amp;uta Palaute</translation>
    </message>
    <message>
        <source>Palaute menu</source>
        <translation>Palaute-meny</translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation>Palaute</translation>
    </message>
    <message>
        <source>Palaute — offline, insights are kept on this computer</source>
        <translation>Palaute — offline, insikterna sparas på den här datorn</translation>
    </message>
    <message>
        <source>Palaute — syncing</source>
        <translation>Palaute — synkar</translation>
    </message>
    <message>
        <source>Palaute — sync problem, see the inbox</source>
        <translation>Palaute — synkproblem, se inkorgen</translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n oläst svar</numerusform>
            <numerusform>%n olästa svar</numerusform>
        </translation>
    </message>
</context>
</TS>
