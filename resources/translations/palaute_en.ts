<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CaptureWindow</name>
    <message>
        <source>Palaute — Capture insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the insight. Ctrl+Enter saves, Esc hides and keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insight text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product &amp;area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a few letters of the community&apos;s name to pick it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to choose a community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide and keep the draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your draft could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The insight is empty. Type what the customer said, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute is still opening its database. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insight saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <source>Your desktop shows no tray icons, so Palaute uses this window instead. On GNOME, install the “AppIndicator and KStatusNotifierItem Support” extension to get a Palaute icon in the top bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute is running. Press {key} in any application to capture an insight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute is running. Use the button below to capture an insight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing this window keeps Palaute running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Capture insight…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Impact</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s) saved on this computer</source>
        <translation>
            <numerusform>%n insight saved on this computer</numerusform>
            <numerusform>%n insights saved on this computer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Palaute — Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture &amp;hotkey:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;community:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at lo&amp;gin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture hotkey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press the new key combination, for example Ctrl+Alt+I.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the default hotkey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last one used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Palaute when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotkey message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global hotkeys are not available on this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hotkey stays {key}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Press {key} anywhere to capture an insight.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Capture insight…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute — offline, insights are kept on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute — syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute — sync problem, see the inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n unread reply</numerusform>
            <numerusform>%n unread replies</numerusform>
        </translation>
    </message>
</context>
</TS>
