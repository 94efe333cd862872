<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountRow</name>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of the Palaute server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backing</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n rep</numerusform>
            <numerusform>%n reps</numerusform>
        </translation>
    </message>
</context>
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
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your draft could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add “same here” to “{insight}”? Alt+1 — or Ctrl+Enter again to save a new insight.</source>
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
        <source>“Same here” added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {community}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) masked</source>
        <translation>
            <numerusform>%n item masked</numerusform>
            <numerusform>%n items masked</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: the insight was removed before it was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: the insight had been sent, so it is withdrawn. Save it again when it is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft from {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the draft and start a new insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;ndo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommunitiesRow</name>
    <message>
        <source>✓ %1: member (set by your administrator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a member (set by your administrator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1: member (sign in to leave)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: open (sign in to join)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You see the insights of the communities you belong to. Tick or untick an open one to join or leave it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigestView</name>
    <message>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered within 7 days (4 weeks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped (4 weeks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers behind shipped work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {week}: {first} – {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You belong to no community yet. Ask an administrator to add you to one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top new insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered by the product team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answers this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing shipped this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply: {text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigestWindow</name>
    <message>
        <source>Palaute — Weekly community digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ &amp;Previous week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next week ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the digest as a Markdown file (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All my communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the digest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: this is the copy fetched {at}. ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {week}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicateHints</name>
    <message>
        <source>Already reported? Alt+1…3 (or Enter on one) adds “same here” with this call&apos;s customer and impact instead of a new insight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Palaute — Edit insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
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
        <source>&amp;Tags:</source>
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
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separated by commas (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
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
    <message>
        <source>Palaute is running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine and my communities&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My communities&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text, customer, tags (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by impact</source>
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
    <name>Inbox</name>
    <message>
        <source>by {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n reply</numerusform>
            <numerusform>%n replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n unread reply</numerusform>
            <numerusform>%n unread replies</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}, withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; reported by {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s)</source>
        <translation>
            <numerusform>%n insight</numerusform>
            <numerusform>%n insights</numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys choose an insight; Enter opens its thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly &amp;digest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly community digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insights and thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeWords</name>
    <message>
        <source>“{insight}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply from {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reply} · {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged with an existing insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your insight is now: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>News about your insight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PiiGuard</name>
    <message>
        <source>Masked when you save; tick one to keep it as typed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each item is masked when you save. Space ticks it to keep it as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} {value}: saved as “{masked}”. Tick to keep it as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} (kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National identity number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PiiHighlighter</name>
    <message>
        <source>Personal data: masked when the insight is saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data you chose to keep as typed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SameHereDialog</name>
    <message>
        <source>Same here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your customer said this too:
“{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
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
        <source>Add “same here”</source>
        <translation type="unfinished"></translation>
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
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mmunities:</source>
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
        <source>Sign in with your organisation</source>
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
    <message>
        <source>Fill in the server address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish signing in in your browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this address in a browser to sign in:</source>
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
    <name>SyncController</name>
    <message>
        <source>Not signed out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Withdraw this insight? The product team will see it as withdrawn, and it can no longer be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palaute — Withdraw insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insight and replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a reply. Ctrl+Enter sends it; offline it waits and goes later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;nd (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;me here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your customer to this insight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This insight is no longer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Same here” sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes sent.</source>
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
        <source>Product area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
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
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply is empty. Type it, then press Ctrl+Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply saved. It is sent when Palaute is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes saved. They are sent when Palaute is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Same here” saved. It is sent when Palaute is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insight withdrawn. The product team is told when Palaute is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an insight in the list to see its thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No replies yet.</source>
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
        <source>Weekly &amp;digest…</source>
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
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
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
