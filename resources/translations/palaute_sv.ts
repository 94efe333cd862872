<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv">
<context>
    <name>AccountRow</name>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation>Inloggad som %1 på %2</translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer.</source>
        <translation>Inte inloggad: insikterna stannar på den här datorn.</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>Logga &amp;in…</translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation>Logga in &amp;igen…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Logga &amp;ut</translation>
    </message>
    <message>
        <source>Server account</source>
        <translation>Serverkonto</translation>
    </message>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation>Logga in på Palaute-servern</translation>
    </message>
    <message>
        <source>Sign out of the Palaute server</source>
        <translation>Logga ut från Palaute-servern</translation>
    </message>
</context>
<context>
    <name>Backing</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n kund</numerusform>
            <numerusform>%n kunder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n representant</numerusform>
            <numerusform>%n representanter</numerusform>
        </translation>
    </message>
</context>
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
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Your draft could not be saved: {reason}</source>
        <translation>Utkastet kunde inte sparas: {reason}</translation>
    </message>
    <message>
        <source>Add “same here” to “{insight}”? Alt+1 — or Ctrl+Enter again to save a new insight.</source>
        <translation>Lägga till ”Samma här” på ”{insight}”? Alt+1 — eller Ctrl+Enter igen sparar en ny insikt.</translation>
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
        <source>“Same here” added</source>
        <translation>”Samma här” tillagt</translation>
    </message>
    <message>
        <source>Saved to {community}</source>
        <translation>Sparad i {community}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) masked</source>
        <translation>
            <numerusform>%n uppgift maskerad</numerusform>
            <numerusform>%n uppgifter maskerade</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: the insight was removed before it was sent.</source>
        <translation>Ångrat: insikten togs bort innan den skickades.</translation>
    </message>
    <message>
        <source>Undone: the insight had been sent, so it is withdrawn. Save it again when it is right.</source>
        <translation>Ångrat: insikten hade redan skickats, så den dras tillbaka. Spara den igen när den är rätt.</translation>
    </message>
    <message>
        <source>Draft from {time}</source>
        <translation>Utkast från {time}</translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation>&amp;Kasta utkastet</translation>
    </message>
    <message>
        <source>Discard the draft and start a new insight</source>
        <translation>Kasta utkastet och börja en ny insikt</translation>
    </message>
    <message>
        <source>U&amp;ndo</source>
        <translation>Å&amp;ngra</translation>
    </message>
    <message>
        <source>Undo the last save</source>
        <translation>Ångra den senaste sparningen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
</context>
<context>
    <name>CommunitiesRow</name>
    <message>
        <source>✓ %1: member (set by your administrator)</source>
        <translation>✓ %1: medlem (satt av administratören)</translation>
    </message>
    <message>
        <source>%1: not a member (set by your administrator)</source>
        <translation>%1: inte medlem (satt av administratören)</translation>
    </message>
    <message>
        <source>✓ %1: member (sign in to leave)</source>
        <translation>✓ %1: medlem (logga in för att lämna)</translation>
    </message>
    <message>
        <source>%1: open (sign in to join)</source>
        <translation>%1: öppen (logga in för att gå med)</translation>
    </message>
    <message>
        <source>Your communities</source>
        <translation>Dina gemenskaper</translation>
    </message>
    <message>
        <source>You see the insights of the communities you belong to. Tick or untick an open one to join or leave it.</source>
        <translation>Du ser insikterna i de gemenskaper du tillhör. Kryssa i eller ur en öppen gemenskap för att gå med eller lämna den.</translation>
    </message>
</context>
<context>
    <name>DigestView</name>
    <message>
        <source>Captured</source>
        <translation>Antecknade</translation>
    </message>
    <message>
        <source>Same here</source>
        <translation>Samma här</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Besvarade</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Levererade</translation>
    </message>
    <message>
        <source>Answered within 7 days (4 weeks)</source>
        <translation>Besvarade inom 7 dagar (4 veckor)</translation>
    </message>
    <message>
        <source>Shipped (4 weeks)</source>
        <translation>Levererade (4 veckor)</translation>
    </message>
    <message>
        <source>Customers behind shipped work</source>
        <translation>Kunder bakom levererat arbete</translation>
    </message>
    <message>
        <source>Week {week}: {first} – {last}</source>
        <translation>Vecka {week}: {first}–{last}</translation>
    </message>
    <message>
        <source>You belong to no community yet. Ask an administrator to add you to one.</source>
        <translation>Du tillhör ingen gemenskap än. Be en administratör lägga till dig.</translation>
    </message>
    <message>
        <source>Top new insights</source>
        <translation>Viktigaste nya insikterna</translation>
    </message>
    <message>
        <source>Nothing new this week.</source>
        <translation>Inget nytt den här veckan.</translation>
    </message>
    <message>
        <source>Answered by the product team</source>
        <translation>Besvarade av produktteamet</translation>
    </message>
    <message>
        <source>No answers this week.</source>
        <translation>Inga svar den här veckan.</translation>
    </message>
    <message>
        <source>Nothing shipped this week.</source>
        <translation>Inget levererades den här veckan.</translation>
    </message>
    <message>
        <source>Reply: {text}</source>
        <translation>Svar: {text}</translation>
    </message>
</context>
<context>
    <name>DigestWindow</name>
    <message>
        <source>Palaute — Weekly community digest</source>
        <translation>Palaute — Veckosammanfattning för gemenskaperna</translation>
    </message>
    <message>
        <source>◀ &amp;Previous week</source>
        <translation>◀ &amp;Föregående vecka</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>Föregående vecka (Alt+Left)</translation>
    </message>
    <message>
        <source>&amp;Next week ▶</source>
        <translation>&amp;Nästa vecka ▶</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Nästa vecka (Alt+Right)</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Gemenskap</translation>
    </message>
    <message>
        <source>&amp;Save as Markdown…</source>
        <translation>Spara som &amp;Markdown…</translation>
    </message>
    <message>
        <source>Save the digest as a Markdown file (Ctrl+S)</source>
        <translation>Spara sammanfattningen som en Markdown-fil (Ctrl+S)</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>All my communities</source>
        <translation>Alla mina gemenskaper</translation>
    </message>
    <message>
        <source>Fetching the digest…</source>
        <translation>Hämtar sammanfattningen…</translation>
    </message>
    <message>
        <source>Offline: this is the copy fetched {at}. ({reason})</source>
        <translation>Offline: det här är kopian som hämtades {at}. ({reason})</translation>
    </message>
    <message>
        <source>Week {week}</source>
        <translation>Vecka {week}</translation>
    </message>
    <message>
        <source>Save digest</source>
        <translation>Spara sammanfattningen</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>Det gick inte att spara {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Sparat: {path}</translation>
    </message>
</context>
<context>
    <name>DuplicateHints</name>
    <message>
        <source>Already reported? Alt+1…3 (or Enter on one) adds “same here” with this call&apos;s customer and impact instead of a new insight.</source>
        <translation>Redan rapporterad? Alt+1…3 (eller Enter på en rad) lägger till ”Samma här” med det här samtalets kund och påverkan i stället för en ny insikt.</translation>
    </message>
    <message>
        <source>Similar insights</source>
        <translation>Liknande insikter</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>din</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>av {author}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Palaute — Edit insight</source>
        <translation>Palaute — Redigera insikt</translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation>&amp;Vad sa kunden?</translation>
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
        <source>&amp;Tags:</source>
        <translation>&amp;Taggar:</translation>
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
        <source>Tags</source>
        <translation>Taggar</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Inte vald</translation>
    </message>
    <message>
        <source>Separated by commas (optional)</source>
        <translation>Åtskilda med kommatecken (valfritt)</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Spara (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Spara ändringarna</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Avbryt redigeringen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
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
    <message>
        <source>Palaute is running</source>
        <translation>Palaute körs</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All communities</source>
        <translation>Alla gemenskaper</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Sök:</translation>
    </message>
    <message>
        <source>Whose insights</source>
        <translation>Vems insikter</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Filtrera efter läge</translation>
    </message>
    <message>
        <source>Mine and my communities&apos;</source>
        <translation>Mina och gemenskapernas</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mina</translation>
    </message>
    <message>
        <source>My communities&apos;</source>
        <translation>Mina gemenskapers</translation>
    </message>
    <message>
        <source>Unread replies</source>
        <translation>Olästa svar</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Besvarade</translation>
    </message>
    <message>
        <source>New this week</source>
        <translation>Nya den här veckan</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Alla lägen</translation>
    </message>
    <message>
        <source>Any impact</source>
        <translation>All påverkan</translation>
    </message>
    <message>
        <source>Search insights</source>
        <translation>Sök insikter</translation>
    </message>
    <message>
        <source>Text, customer, tags (Ctrl+F)</source>
        <translation>Text, kund, taggar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by community</source>
        <translation>Filtrera efter gemenskap</translation>
    </message>
    <message>
        <source>Filter by impact</source>
        <translation>Filtrera efter påverkan</translation>
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
    <name>Inbox</name>
    <message>
        <source>by {author}</source>
        <translation>av {author}</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n svar</numerusform>
            <numerusform>%n svar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n oläst svar</numerusform>
            <numerusform>%n olästa svar</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <source>the server refused it</source>
        <translation>servern avvisade den</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Inte skickad: {reason}</translation>
    </message>
    <message>
        <source>Saved on this computer</source>
        <translation>Sparad på den här datorn</translation>
    </message>
    <message>
        <source>{status}, withdrawn</source>
        <translation>{status}, tillbakadragen</translation>
    </message>
    <message>
        <source>; reported by {author}</source>
        <translation>; rapporterad av {author}</translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s)</source>
        <translation>
            <numerusform>%n insikt</numerusform>
            <numerusform>%n insikter</numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation>just nu</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>för %n min sedan</numerusform>
            <numerusform>för %n min sedan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>för %n tim sedan</numerusform>
            <numerusform>för %n tim sedan</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>i går</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>för %n dag sedan</numerusform>
            <numerusform>för %n dagar sedan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation>Palaute — Inkorg</translation>
    </message>
    <message>
        <source>Arrow keys choose an insight; Enter opens its thread.</source>
        <translation>Piltangenterna väljer en insikt; Enter öppnar dess tråd.</translation>
    </message>
    <message>
        <source>Number of insights</source>
        <translation>Antal insikter</translation>
    </message>
    <message>
        <source>Weekly &amp;digest…</source>
        <translation>Veckosa&amp;mmanfattning…</translation>
    </message>
    <message>
        <source>Weekly community digest</source>
        <translation>Veckosammanfattning för gemenskaperna</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Insights and thread</source>
        <translation>Insikter och tråd</translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation>Dina insikter</translation>
    </message>
</context>
<context>
    <name>NoticeWords</name>
    <message>
        <source>“{insight}”</source>
        <translation>”{insight}”</translation>
    </message>
    <message>
        <source>Reply from {who}</source>
        <translation>Svar från {who}</translation>
    </message>
    <message>
        <source>{reply} · {status}</source>
        <translation>{reply} · {status}</translation>
    </message>
    <message>
        <source>Merged with an existing insight</source>
        <translation>Sammanslagen med en befintlig insikt</translation>
    </message>
    <message>
        <source>Your insight is now: {status}</source>
        <translation>Din insikt är nu: {status}</translation>
    </message>
    <message>
        <source>News about your insight</source>
        <translation>Nytt om din insikt</translation>
    </message>
</context>
<context>
    <name>PiiGuard</name>
    <message>
        <source>Masked when you save; tick one to keep it as typed:</source>
        <translation>Maskeras när du sparar; kryssa i en för att behålla den som skriven:</translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation>Hittade personuppgifter</translation>
    </message>
    <message>
        <source>Each item is masked when you save. Space ticks it to keep it as typed.</source>
        <translation>Varje uppgift maskeras när du sparar. Mellanslag kryssar i den så att den behålls som skriven.</translation>
    </message>
    <message>
        <source>{kind} {value}: saved as “{masked}”. Tick to keep it as typed.</source>
        <translation>{kind} {value}: sparas som ”{masked}”. Kryssa i för att behålla den som skriven.</translation>
    </message>
    <message>
        <source>{value} (kept)</source>
        <translation>{value} (behålls)</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Kortnummer</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-postadress</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>National identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
</context>
<context>
    <name>PiiHighlighter</name>
    <message>
        <source>Personal data: masked when the insight is saved</source>
        <translation>Personuppgift: maskeras när insikten sparas</translation>
    </message>
    <message>
        <source>Personal data you chose to keep as typed</source>
        <translation>Personuppgift som du valde att behålla som skriven</translation>
    </message>
</context>
<context>
    <name>SameHereDialog</name>
    <message>
        <source>Same here</source>
        <translation>Samma här</translation>
    </message>
    <message>
        <source>Your customer said this too:
“{text}”</source>
        <translation>Din kund sa också detta:
”{text}”</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Kundreferens</translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation>Ärende- eller kundnummer (valfritt)</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Påverkan</translation>
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
        <source>Add “same here”</source>
        <translation>Lägg till ”Samma här”</translation>
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
        <source>&amp;Server:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>Co&amp;mmunities:</source>
        <translation>&amp;Gemenskaper:</translation>
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
        <source>Sign in with your organisation</source>
        <translation>Logga in med din organisations konto</translation>
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
    <message>
        <source>Fill in the server address first.</source>
        <translation>Fyll först i serverns adress.</translation>
    </message>
    <message>
        <source>Finish signing in in your browser…</source>
        <translation>Slutför inloggningen i webbläsaren…</translation>
    </message>
    <message>
        <source>Open this address in a browser to sign in:</source>
        <translation>Öppna den här adressen i en webbläsare för att logga in:</translation>
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
    <name>SyncController</name>
    <message>
        <source>Not signed out</source>
        <translation>Utloggningen misslyckades</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Withdraw this insight? The product team will see it as withdrawn, and it can no longer be edited.</source>
        <translation>Dra tillbaka den här insikten? Produktteamet ser den som tillbakadragen och den kan inte längre redigeras.</translation>
    </message>
    <message>
        <source>Palaute — Withdraw insight</source>
        <translation>Palaute — Dra tillbaka insikt</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Dra tillbaka</translation>
    </message>
    <message>
        <source>Withdraw the insight</source>
        <translation>Dra tillbaka insikten</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Behåll den</translation>
    </message>
    <message>
        <source>Keep the insight</source>
        <translation>Behåll insikten</translation>
    </message>
    <message>
        <source>Insight and replies</source>
        <translation>Insikt och svar</translation>
    </message>
    <message>
        <source>&amp;Reply:</source>
        <translation>Sv&amp;ar:</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Write a reply. Ctrl+Enter sends it; offline it waits and goes later.</source>
        <translation>Skriv ett svar. Ctrl+Enter skickar det; offline väntar det och skickas senare.</translation>
    </message>
    <message>
        <source>Se&amp;nd (Ctrl+Enter)</source>
        <translation>S&amp;kicka (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Skicka svaret</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Redigera…</translation>
    </message>
    <message>
        <source>Edit insight</source>
        <translation>Redigera insikten</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Dra tillbaka…</translation>
    </message>
    <message>
        <source>Withdraw insight</source>
        <translation>Dra tillbaka insikten</translation>
    </message>
    <message>
        <source>Sa&amp;me here…</source>
        <translation>Samma &amp;här…</translation>
    </message>
    <message>
        <source>Add your customer to this insight</source>
        <translation>Lägg till din kund i den här insikten</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>This insight is no longer on this computer.</source>
        <translation>Den här insikten finns inte längre på den här datorn.</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Svaret har skickats.</translation>
    </message>
    <message>
        <source>“Same here” sent.</source>
        <translation>”Samma här” har skickats.</translation>
    </message>
    <message>
        <source>Withdrawal sent.</source>
        <translation>Återkallelsen har skickats.</translation>
    </message>
    <message>
        <source>Changes sent.</source>
        <translation>Ändringarna har skickats.</translation>
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
        <source>Product area</source>
        <translation>Produktområde</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Inte vald</translation>
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
        <source>Tags</source>
        <translation>Taggar</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Behind it</source>
        <translation>Bakom</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synk</translation>
    </message>
    <message>
        <source>You ({state})</source>
        <translation>Du ({state})</translation>
    </message>
    <message>
        <source>product team</source>
        <translation>produktteamet</translation>
    </message>
    <message>
        <source>The reply is empty. Type it, then press Ctrl+Enter.</source>
        <translation>Svaret är tomt. Skriv det och tryck sedan på Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Reply saved. It is sent when Palaute is online.</source>
        <translation>Svaret sparat. Det skickas när Palaute är online.</translation>
    </message>
    <message>
        <source>Changes saved. They are sent when Palaute is online.</source>
        <translation>Ändringarna sparade. De skickas när Palaute är online.</translation>
    </message>
    <message>
        <source>“Same here” saved. It is sent when Palaute is online.</source>
        <translation>”Samma här” sparat. Det skickas när Palaute är online.</translation>
    </message>
    <message>
        <source>Insight withdrawn. The product team is told when Palaute is online.</source>
        <translation>Insikten har dragits tillbaka. Produktteamet får veta det när Palaute är online.</translation>
    </message>
    <message>
        <source>Choose an insight in the list to see its thread.</source>
        <translation>Välj en insikt i listan för att se dess tråd.</translation>
    </message>
    <message>
        <source>No replies yet.</source>
        <translation>Inga svar än.</translation>
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
        <source>Weekly &amp;digest…</source>
        <translation>Veckosa&amp;mmanfattning…</translation>
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
    <message>
        <source>Signed in as %1</source>
        <translation>Inloggad som %1</translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer</source>
        <translation>Inte inloggad: insikterna stannar på den här datorn</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Senast synkroniserad: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n ändring väntar på att skickas</numerusform>
            <numerusform>%n ändringar väntar på att skickas</numerusform>
        </translation>
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
