<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi">
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
        <source>Your draft could not be saved: {reason}</source>
        <translation>Luonnosta ei voitu tallentaa: {reason}</translation>
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
        <source>Insight saved</source>
        <translation>Havainto tallennettu</translation>
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
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation>Palaute — Saapuneet</translation>
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
        <source>Impact</source>
        <translation>Vaikutus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Insight</source>
        <translation>Havainto</translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation>Havaintosi</translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s) saved on this computer</source>
        <translation>
            <numerusform>%n havainto tallennettu tälle tietokoneelle</numerusform>
            <numerusform>%n havaintoa tallennettu tälle tietokoneelle</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n lukematon vastaus</numerusform>
            <numerusform>%n lukematonta vastausta</numerusform>
        </translation>
    </message>
</context>
</TS>
