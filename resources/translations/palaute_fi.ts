<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi">
<context>
    <name>AccountRow</name>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation>Kirjautunut palvelimelle %2 käyttäjänä %1</translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer.</source>
        <translation>Et ole kirjautunut: havainnot säilyvät tällä tietokoneella.</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>Kirjaudu &amp;sisään…</translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation>Kirjaudu uud&amp;elleen…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Kirjaudu &amp;ulos</translation>
    </message>
    <message>
        <source>Server account</source>
        <translation>Palvelintili</translation>
    </message>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation>Kirjaudu Palaute-palvelimelle</translation>
    </message>
    <message>
        <source>Sign out of the Palaute server</source>
        <translation>Kirjaudu ulos Palaute-palvelimelta</translation>
    </message>
</context>
<context>
    <name>Backing</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n asiakas</numerusform>
            <numerusform>%n asiakasta</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n edustaja</numerusform>
            <numerusform>%n edustajaa</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaptureWindow</name>
    <message>
        <source>Palaute — Capture insight</source>
        <translation>Palaute — Kirjaa havainto</translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation>&amp;Mitä asiakas sanoi?</translation>
    </message>
    <message>
        <source>Type the insight. Ctrl+Enter saves, Esc hides and keeps it.</source>
        <translation>Kirjoita havainto. Ctrl+Enter tallentaa, Esc piilottaa ja säilyttää sen.</translation>
    </message>
    <message>
        <source>Insight text</source>
        <translation>Havainnon teksti</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Yhteisö:</translation>
    </message>
    <message>
        <source>Product &amp;area:</source>
        <translation>Tuote&amp;alue:</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>As&amp;iakasviite:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Vaikutus:</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Yhteisö</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Tuotealue</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Asiakasviite</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Vaikutus</translation>
    </message>
    <message>
        <source>Type a few letters of the community&apos;s name to pick it.</source>
        <translation>Valitse yhteisö kirjoittamalla muutama kirjain sen nimestä.</translation>
    </message>
    <message>
        <source>Type to choose a community</source>
        <translation>Valitse yhteisö kirjoittamalla</translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation>Tapaus- tai asiakasnumero (vapaaehtoinen)</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Ei valittu</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Tallenna (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save insight</source>
        <translation>Tallenna havainto</translation>
    </message>
    <message>
        <source>Hide (Esc)</source>
        <translation>Piilota (Esc)</translation>
    </message>
    <message>
        <source>Hide and keep the draft</source>
        <translation>Piilota ja säilytä luonnos</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Huomautus</translation>
    </message>
    <message>
        <source>Your draft could not be saved: {reason}</source>
        <translation>Luonnosta ei voitu tallentaa: {reason}</translation>
    </message>
    <message>
        <source>Add “same here” to “{insight}”? Alt+1 — or Ctrl+Enter again to save a new insight.</source>
        <translation>Lisätäänkö ”Sama täällä” havaintoon ”{insight}”? Alt+1 — tai Ctrl+Enter uudelleen tallentaa uuden havainnon.</translation>
    </message>
    <message>
        <source>The insight is empty. Type what the customer said, then save.</source>
        <translation>Havainto on tyhjä. Kirjoita, mitä asiakas sanoi, ja tallenna sitten.</translation>
    </message>
    <message>
        <source>Palaute is still opening its database. Try again in a moment.</source>
        <translation>Palaute avaa vielä tietokantaansa. Yritä hetken kuluttua uudelleen.</translation>
    </message>
    <message>
        <source>“Same here” added</source>
        <translation>”Sama täällä” lisätty</translation>
    </message>
    <message>
        <source>Saved to {community}</source>
        <translation>Tallennettu: {community}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) masked</source>
        <translation>
            <numerusform>%n kohta peitetty</numerusform>
            <numerusform>%n kohtaa peitetty</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: the insight was removed before it was sent.</source>
        <translation>Kumottu: havainto poistettiin ennen kuin se lähetettiin.</translation>
    </message>
    <message>
        <source>Undone: the insight had been sent, so it is withdrawn. Save it again when it is right.</source>
        <translation>Kumottu: havainto oli jo lähetetty, joten se peruttiin. Tallenna se uudelleen, kun se on kunnossa.</translation>
    </message>
    <message>
        <source>Draft from {time}</source>
        <translation>Luonnos klo {time}</translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation>&amp;Hylkää luonnos</translation>
    </message>
    <message>
        <source>Discard the draft and start a new insight</source>
        <translation>Hylkää luonnos ja aloita uusi havainto</translation>
    </message>
    <message>
        <source>U&amp;ndo</source>
        <translation>K&amp;umoa</translation>
    </message>
    <message>
        <source>Undo the last save</source>
        <translation>Kumoa viimeisin tallennus</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Kumoa</translation>
    </message>
</context>
<context>
    <name>CommunitiesRow</name>
    <message>
        <source>✓ %1: member (set by your administrator)</source>
        <translation>✓ %1: jäsen (ylläpitäjän asettama)</translation>
    </message>
    <message>
        <source>%1: not a member (set by your administrator)</source>
        <translation>%1: et ole jäsen (ylläpitäjän asettama)</translation>
    </message>
    <message>
        <source>✓ %1: member (sign in to leave)</source>
        <translation>✓ %1: jäsen (kirjaudu sisään erotaksesi)</translation>
    </message>
    <message>
        <source>%1: open (sign in to join)</source>
        <translation>%1: avoin (kirjaudu sisään liittyäksesi)</translation>
    </message>
    <message>
        <source>Your communities</source>
        <translation>Yhteisösi</translation>
    </message>
    <message>
        <source>You see the insights of the communities you belong to. Tick or untick an open one to join or leave it.</source>
        <translation>Näet niiden yhteisöjen havainnot, joihin kuulut. Valitse avoin yhteisö liittyäksesi tai poista valinta erotaksesi.</translation>
    </message>
</context>
<context>
    <name>DigestView</name>
    <message>
        <source>Captured</source>
        <translation>Kirjattu</translation>
    </message>
    <message>
        <source>Same here</source>
        <translation>Sama täällä</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Vastattu</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Julkaistu</translation>
    </message>
    <message>
        <source>Answered within 7 days (4 weeks)</source>
        <translation>Vastattu 7 päivässä (4 viikkoa)</translation>
    </message>
    <message>
        <source>Shipped (4 weeks)</source>
        <translation>Julkaistu (4 viikkoa)</translation>
    </message>
    <message>
        <source>Customers behind shipped work</source>
        <translation>Asiakkaita julkaistun työn takana</translation>
    </message>
    <message>
        <source>Week {week}: {first} – {last}</source>
        <translation>Viikko {week}: {first}–{last}</translation>
    </message>
    <message>
        <source>You belong to no community yet. Ask an administrator to add you to one.</source>
        <translation>Et kuulu vielä mihinkään yhteisöön. Pyydä ylläpitäjää lisäämään sinut.</translation>
    </message>
    <message>
        <source>Top new insights</source>
        <translation>Tärkeimmät uudet havainnot</translation>
    </message>
    <message>
        <source>Nothing new this week.</source>
        <translation>Ei mitään uutta tällä viikolla.</translation>
    </message>
    <message>
        <source>Answered by the product team</source>
        <translation>Tuotetiimin vastaamat</translation>
    </message>
    <message>
        <source>No answers this week.</source>
        <translation>Ei vastauksia tällä viikolla.</translation>
    </message>
    <message>
        <source>Nothing shipped this week.</source>
        <translation>Mitään ei julkaistu tällä viikolla.</translation>
    </message>
    <message>
        <source>Reply: {text}</source>
        <translation>Vastaus: {text}</translation>
    </message>
</context>
<context>
    <name>DigestWindow</name>
    <message>
        <source>Palaute — Weekly community digest</source>
        <translation>Palaute — Yhteisöjen viikkokooste</translation>
    </message>
    <message>
        <source>◀ &amp;Previous week</source>
        <translation>◀ &amp;Edellinen viikko</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>Edellinen viikko (Alt+Left)</translation>
    </message>
    <message>
        <source>&amp;Next week ▶</source>
        <translation>&amp;Seuraava viikko ▶</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Seuraava viikko (Alt+Right)</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Yhteisö</translation>
    </message>
    <message>
        <source>&amp;Save as Markdown…</source>
        <translation>&amp;Tallenna Markdown-tiedostona…</translation>
    </message>
    <message>
        <source>Save the digest as a Markdown file (Ctrl+S)</source>
        <translation>Tallenna kooste Markdown-tiedostoksi (Ctrl+S)</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Kooste</translation>
    </message>
    <message>
        <source>All my communities</source>
        <translation>Kaikki yhteisöni</translation>
    </message>
    <message>
        <source>Fetching the digest…</source>
        <translation>Haetaan koostetta…</translation>
    </message>
    <message>
        <source>Offline: this is the copy fetched {at}. ({reason})</source>
        <translation>Ei yhteyttä: tämä on kopio, joka haettiin {at}. ({reason})</translation>
    </message>
    <message>
        <source>Week {week}</source>
        <translation>Viikko {week}</translation>
    </message>
    <message>
        <source>Save digest</source>
        <translation>Tallenna kooste</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>Tiedostoa {path} ei voitu tallentaa: {reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Tallennettu: {path}</translation>
    </message>
</context>
<context>
    <name>DuplicateHints</name>
    <message>
        <source>Already reported? Alt+1…3 (or Enter on one) adds “same here” with this call&apos;s customer and impact instead of a new insight.</source>
        <translation>Onko jo kirjattu? Alt+1…3 (tai Enter rivillä) lisää uuden havainnon sijaan ”Sama täällä” -merkinnän tämän puhelun asiakkaalla ja vaikutuksella.</translation>
    </message>
    <message>
        <source>Similar insights</source>
        <translation>Samankaltaiset havainnot</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>oma</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>tekijä {author}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Palaute — Edit insight</source>
        <translation>Palaute — Muokkaa havaintoa</translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation>&amp;Mitä asiakas sanoi?</translation>
    </message>
    <message>
        <source>Insight text</source>
        <translation>Havainnon teksti</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Yhteisö:</translation>
    </message>
    <message>
        <source>Product &amp;area:</source>
        <translation>Tuote&amp;alue:</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>As&amp;iakasviite:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Vaikutus:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>Tu&amp;nnisteet:</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Yhteisö</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Tuotealue</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Asiakasviite</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Vaikutus</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tunnisteet</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Ei valittu</translation>
    </message>
    <message>
        <source>Separated by commas (optional)</source>
        <translation>Pilkuilla eroteltuina (vapaaehtoinen)</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Tallenna (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Tallenna muutokset</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Peruuta muokkaus</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <source>Your desktop shows no tray icons, so Palaute uses this window instead. On GNOME, install the “AppIndicator and KStatusNotifierItem Support” extension to get a Palaute icon in the top bar.</source>
        <translation>Työpöytäsi ei näytä ilmoitusalueen kuvakkeita, joten Palaute käyttää tätä ikkunaa. GNOMEssa saat Palaute-kuvakkeen yläpalkkiin asentamalla laajennuksen ”AppIndicator and KStatusNotifierItem Support”.</translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation>Palaute</translation>
    </message>
    <message>
        <source>Palaute is running. Press {key} in any application to capture an insight.</source>
        <translation>Palaute on käynnissä. Kirjaa havainto painamalla {key} missä tahansa sovelluksessa.</translation>
    </message>
    <message>
        <source>Palaute is running. Use the button below to capture an insight.</source>
        <translation>Palaute on käynnissä. Kirjaa havainto alla olevalla painikkeella.</translation>
    </message>
    <message>
        <source>Closing this window keeps Palaute running.</source>
        <translation>Palaute jatkaa toimintaansa, vaikka suljet tämän ikkunan.</translation>
    </message>
    <message>
        <source>&amp;Capture insight…</source>
        <translation>&amp;Kirjaa havainto…</translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation>Avaa &amp;saapuneet</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Asetukset…</translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation>&amp;Lopeta Palaute</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Huomautus</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Ongelma</translation>
    </message>
    <message>
        <source>Palaute is running</source>
        <translation>Palaute on käynnissä</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All communities</source>
        <translation>Kaikki yhteisöt</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Hae:</translation>
    </message>
    <message>
        <source>Whose insights</source>
        <translation>Kenen havainnot</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Suodata tilan mukaan</translation>
    </message>
    <message>
        <source>Mine and my communities&apos;</source>
        <translation>Omat ja yhteisöjen</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Omat</translation>
    </message>
    <message>
        <source>My communities&apos;</source>
        <translation>Yhteisöjeni</translation>
    </message>
    <message>
        <source>Unread replies</source>
        <translation>Lukemattomat vastaukset</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Vastatut</translation>
    </message>
    <message>
        <source>New this week</source>
        <translation>Uudet tällä viikolla</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Mikä tahansa tila</translation>
    </message>
    <message>
        <source>Any impact</source>
        <translation>Mikä tahansa vaikutus</translation>
    </message>
    <message>
        <source>Search insights</source>
        <translation>Hae havaintoja</translation>
    </message>
    <message>
        <source>Text, customer, tags (Ctrl+F)</source>
        <translation>Teksti, asiakas, tunniste (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by community</source>
        <translation>Suodata yhteisön mukaan</translation>
    </message>
    <message>
        <source>Filter by impact</source>
        <translation>Suodata vaikutuksen mukaan</translation>
    </message>
</context>
<context>
    <name>Impact</name>
    <message>
        <source>Low</source>
        <translation>Pieni</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Keskitaso</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Suuri</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>Estävä</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>by {author}</source>
        <translation>tekijä {author}</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n vastaus</numerusform>
            <numerusform>%n vastausta</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n lukematon vastaus</numerusform>
            <numerusform>%n lukematonta vastausta</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Lähetetty</translation>
    </message>
    <message>
        <source>the server refused it</source>
        <translation>palvelin hylkäsi sen</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Ei lähetetty: {reason}</translation>
    </message>
    <message>
        <source>Saved on this computer</source>
        <translation>Tallennettu tälle tietokoneelle</translation>
    </message>
    <message>
        <source>{status}, withdrawn</source>
        <translation>{status}, peruttu</translation>
    </message>
    <message>
        <source>; reported by {author}</source>
        <translation>; kirjannut {author}</translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s)</source>
        <translation>
            <numerusform>%n havainto</numerusform>
            <numerusform>%n havaintoa</numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation>juuri nyt</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min sitten</numerusform>
            <numerusform>%n min sitten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n t sitten</numerusform>
            <numerusform>%n t sitten</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>eilen</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n päivä sitten</numerusform>
            <numerusform>%n päivää sitten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation>Palaute — Saapuneet</translation>
    </message>
    <message>
        <source>Arrow keys choose an insight; Enter opens its thread.</source>
        <translation>Valitse havainto nuolinäppäimillä; Enter avaa sen keskustelun.</translation>
    </message>
    <message>
        <source>Number of insights</source>
        <translation>Havaintojen määrä</translation>
    </message>
    <message>
        <source>Weekly &amp;digest…</source>
        <translation>Viikko&amp;kooste…</translation>
    </message>
    <message>
        <source>Weekly community digest</source>
        <translation>Yhteisöjen viikkokooste</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>Insights and thread</source>
        <translation>Havainnot ja keskustelu</translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation>Havaintosi</translation>
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
        <translation>Vastaus: {who}</translation>
    </message>
    <message>
        <source>{reply} · {status}</source>
        <translation>{reply} · {status}</translation>
    </message>
    <message>
        <source>Merged with an existing insight</source>
        <translation>Yhdistetty aiempaan havaintoon</translation>
    </message>
    <message>
        <source>Your insight is now: {status}</source>
        <translation>Havaintosi tila: {status}</translation>
    </message>
    <message>
        <source>News about your insight</source>
        <translation>Uutta havainnostasi</translation>
    </message>
</context>
<context>
    <name>PiiGuard</name>
    <message>
        <source>Masked when you save; tick one to keep it as typed:</source>
        <translation>Peitetään tallennettaessa; valitse kohta, jos se pitää säilyttää kirjoitettuna:</translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation>Löydetyt henkilötiedot</translation>
    </message>
    <message>
        <source>Each item is masked when you save. Space ticks it to keep it as typed.</source>
        <translation>Jokainen kohta peitetään tallennettaessa. Välilyönti valitsee sen säilytettäväksi kirjoitettuna.</translation>
    </message>
    <message>
        <source>{kind} {value}: saved as “{masked}”. Tick to keep it as typed.</source>
        <translation>{kind} {value}: tallennetaan muodossa ”{masked}”. Valitse, jos se pitää säilyttää kirjoitettuna.</translation>
    </message>
    <message>
        <source>{value} (kept)</source>
        <translation>{value} (säilytetään)</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Kortinnumero</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Sähköpostiosoite</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Puhelinnumero</translation>
    </message>
    <message>
        <source>National identity number</source>
        <translation>Henkilötunnus</translation>
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
        <translation>Henkilötieto: peitetään, kun havainto tallennetaan</translation>
    </message>
    <message>
        <source>Personal data you chose to keep as typed</source>
        <translation>Henkilötieto, jonka päätit säilyttää sellaisenaan</translation>
    </message>
</context>
<context>
    <name>SameHereDialog</name>
    <message>
        <source>Same here</source>
        <translation>Sama täällä</translation>
    </message>
    <message>
        <source>Your customer said this too:
“{text}”</source>
        <translation>Myös asiakkaasi sanoi näin:
”{text}”</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Asiakasviite</translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation>Tapaus- tai asiakasnumero (vapaaehtoinen)</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Vaikutus</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>As&amp;iakasviite:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Vaikutus:</translation>
    </message>
    <message>
        <source>Add “same here”</source>
        <translation>Lisää ”Sama täällä”</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Palaute — Settings</source>
        <translation>Palaute — Asetukset</translation>
    </message>
    <message>
        <source>Capture &amp;hotkey:</source>
        <translation>&amp;Pikanäppäin:</translation>
    </message>
    <message>
        <source>Default &amp;community:</source>
        <translation>&amp;Oletusyhteisö:</translation>
    </message>
    <message>
        <source>Start at lo&amp;gin:</source>
        <translation>Käynnistys kirj&amp;autuessa:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Kieli:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>Pal&amp;velin:</translation>
    </message>
    <message>
        <source>Co&amp;mmunities:</source>
        <translation>&amp;Yhteisöt:</translation>
    </message>
    <message>
        <source>Capture hotkey</source>
        <translation>Kirjaamisen pikanäppäin</translation>
    </message>
    <message>
        <source>Press the new key combination, for example Ctrl+Alt+I.</source>
        <translation>Paina uutta näppäinyhdistelmää, esimerkiksi Ctrl+Alt+I.</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Pa&amp;lauta oletus</translation>
    </message>
    <message>
        <source>Use the default hotkey</source>
        <translation>Käytä oletuspikanäppäintä</translation>
    </message>
    <message>
        <source>Default community</source>
        <translation>Oletusyhteisö</translation>
    </message>
    <message>
        <source>The last one used</source>
        <translation>Viimeksi käytetty</translation>
    </message>
    <message>
        <source>Start Palaute when I log in</source>
        <translation>Käynnistä Palaute, kun kirjaudun sisään</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Käynnistys kirjautuessa</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Järjestelmän oletus</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation>Sulje asetukset</translation>
    </message>
    <message>
        <source>Hotkey message</source>
        <translation>Pikanäppäimen viesti</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>Global hotkeys are not available on this desktop.</source>
        <translation>Yleiset pikanäppäimet eivät ole käytettävissä tällä työpöydällä.</translation>
    </message>
    <message>
        <source>The hotkey stays {key}.</source>
        <translation>Pikanäppäin on edelleen {key}.</translation>
    </message>
    <message>
        <source>Saved. Press {key} anywhere to capture an insight.</source>
        <translation>Tallennettu. Kirjaa havainto painamalla {key} missä tahansa.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation>Kirjaudu Palaute-palvelimelle</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Palvelimen osoite</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Käyttäjätunnus</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>Kirjautumisen tila</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Kirjaudu</translation>
    </message>
    <message>
        <source>Sign in with your organisation</source>
        <translation>Kirjaudu organisaatiosi tunnuksilla</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Palvelimen osoite:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Käyttäjätunnus:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Salasana:</translation>
    </message>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation>Täytä palvelimen osoite, käyttäjätunnuksesi ja salasanasi.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Kirjaudutaan…</translation>
    </message>
    <message>
        <source>Fill in the server address first.</source>
        <translation>Kirjoita ensin palvelimen osoite.</translation>
    </message>
    <message>
        <source>Finish signing in in your browser…</source>
        <translation>Viimeistele kirjautuminen selaimessa…</translation>
    </message>
    <message>
        <source>Open this address in a browser to sign in:</source>
        <translation>Kirjaudu avaamalla tämä osoite selaimessa:</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>Uusi</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Vastaanotettu</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Suunniteltu</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Työn alla</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Julkaistu</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Hylätty</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Not signed out</source>
        <translation>Uloskirjautuminen ei onnistunut</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Withdraw this insight? The product team will see it as withdrawn, and it can no longer be edited.</source>
        <translation>Perutaanko tämä havainto? Tuotetiimi näkee sen perutuksi, eikä sitä voi enää muokata.</translation>
    </message>
    <message>
        <source>Palaute — Withdraw insight</source>
        <translation>Palaute — Peru havainto</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Peru</translation>
    </message>
    <message>
        <source>Withdraw the insight</source>
        <translation>Peru havainto</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Säilytä</translation>
    </message>
    <message>
        <source>Keep the insight</source>
        <translation>Säilytä havainto</translation>
    </message>
    <message>
        <source>Insight and replies</source>
        <translation>Havainto ja vastaukset</translation>
    </message>
    <message>
        <source>&amp;Reply:</source>
        <translation>Vast&amp;aus:</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Vastaus</translation>
    </message>
    <message>
        <source>Write a reply. Ctrl+Enter sends it; offline it waits and goes later.</source>
        <translation>Kirjoita vastaus. Ctrl+Enter lähettää sen; ilman yhteyttä se odottaa ja lähtee myöhemmin.</translation>
    </message>
    <message>
        <source>Se&amp;nd (Ctrl+Enter)</source>
        <translation>&amp;Lähetä (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Lähetä vastaus</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Muokkaa…</translation>
    </message>
    <message>
        <source>Edit insight</source>
        <translation>Muokkaa havaintoa</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Peru…</translation>
    </message>
    <message>
        <source>Withdraw insight</source>
        <translation>Peru havainto</translation>
    </message>
    <message>
        <source>Sa&amp;me here…</source>
        <translation>&amp;Sama täällä…</translation>
    </message>
    <message>
        <source>Add your customer to this insight</source>
        <translation>Lisää asiakkaasi tähän havaintoon</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>This insight is no longer on this computer.</source>
        <translation>Tätä havaintoa ei enää ole tällä tietokoneella.</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Vastaus lähetetty.</translation>
    </message>
    <message>
        <source>“Same here” sent.</source>
        <translation>”Sama täällä” lähetetty.</translation>
    </message>
    <message>
        <source>Withdrawal sent.</source>
        <translation>Peruutus lähetetty.</translation>
    </message>
    <message>
        <source>Changes sent.</source>
        <translation>Muutokset lähetetty.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Tallennettu</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Yhteisö</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Tuotealue</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Ei valittu</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Asiakasviite</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Vaikutus</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tunnisteet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Behind it</source>
        <translation>Taustalla</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronointi</translation>
    </message>
    <message>
        <source>You ({state})</source>
        <translation>Sinä ({state})</translation>
    </message>
    <message>
        <source>product team</source>
        <translation>tuotetiimi</translation>
    </message>
    <message>
        <source>The reply is empty. Type it, then press Ctrl+Enter.</source>
        <translation>Vastaus on tyhjä. Kirjoita se ja paina sitten Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Reply saved. It is sent when Palaute is online.</source>
        <translation>Vastaus tallennettu. Se lähetetään, kun Palaute on verkossa.</translation>
    </message>
    <message>
        <source>Changes saved. They are sent when Palaute is online.</source>
        <translation>Muutokset tallennettu. Ne lähetetään, kun Palaute on verkossa.</translation>
    </message>
    <message>
        <source>“Same here” saved. It is sent when Palaute is online.</source>
        <translation>”Sama täällä” tallennettu. Se lähetetään, kun Palaute on verkossa.</translation>
    </message>
    <message>
        <source>Insight withdrawn. The product team is told when Palaute is online.</source>
        <translation>Havainto peruttu. Tuotetiimi saa tiedon, kun Palaute on verkossa.</translation>
    </message>
    <message>
        <source>Choose an insight in the list to see its thread.</source>
        <translation>Valitse luettelosta havainto nähdäksesi sen keskustelun.</translation>
    </message>
    <message>
        <source>No replies yet.</source>
        <translation>Ei vielä vastauksia.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Capture insight…</source>
        <translation>&amp;Kirjaa havainto…</translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation>Avaa &amp;saapuneet</translation>
    </message>
    <message>
        <source>Weekly &amp;digest…</source>
        <translation>Viikko&amp;kooste…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynkronoi nyt</translation>
    </message>
    <message>
        <source>&amp;Pause sync</source>
        <translation>&amp;Pysäytä synkronointi</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Asetukset…</translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation>&amp;Lopeta Palaute</translation>
    </message>
    <message>
        <source>Palaute menu</source>
        <translation>Palaute-valikko</translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation>Palaute</translation>
    </message>
    <message>
        <source>Palaute — offline, insights are kept on this computer</source>
        <translation>Palaute — ei yhteyttä, havainnot säilyvät tällä tietokoneella</translation>
    </message>
    <message>
        <source>Palaute — syncing</source>
        <translation>Palaute — synkronoidaan</translation>
    </message>
    <message>
        <source>Palaute — sync problem, see the inbox</source>
        <translation>Palaute — synkronointiongelma, katso saapuneet</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Kirjautuneena: %1</translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer</source>
        <translation>Et ole kirjautunut: havainnot säilyvät tällä tietokoneella</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Viimeksi synkronoitu: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n muutos odottaa lähetystä</numerusform>
            <numerusform>%n muutosta odottaa lähetystä</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n lukematon vastaus</numerusform>
            <numerusform>%n lukematonta vastausta</numerusform>
        </translation>
    </message>
</context>
</TS>
