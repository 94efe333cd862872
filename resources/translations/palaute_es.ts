<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AccountRow</name>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation>Sesión iniciada como %1 en %2</translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer.</source>
        <translation>No has iniciado sesión: los hallazgos se quedan en este equipo.</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>I&amp;niciar sesión…</translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation>&amp;Volver a iniciar sesión…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ce&amp;rrar sesión</translation>
    </message>
    <message>
        <source>Server account</source>
        <translation>Cuenta del servidor</translation>
    </message>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation>Iniciar sesión en el servidor de Palaute</translation>
    </message>
    <message>
        <source>Sign out of the Palaute server</source>
        <translation>Cerrar sesión en el servidor de Palaute</translation>
    </message>
</context>
<context>
    <name>Backing</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n cliente</numerusform>
            <numerusform>%n clientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n representante</numerusform>
            <numerusform>%n representantes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaptureWindow</name>
    <message>
        <source>Palaute — Capture insight</source>
        <translation>Palaute — Anotar hallazgo</translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation>¿&amp;Qué dijo el cliente?</translation>
    </message>
    <message>
        <source>Type the insight. Ctrl+Enter saves, Esc hides and keeps it.</source>
        <translation>Escribe el hallazgo. Ctrl+Enter lo guarda; Esc lo oculta y lo conserva.</translation>
    </message>
    <message>
        <source>Insight text</source>
        <translation>Texto del hallazgo</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Comunidad:</translation>
    </message>
    <message>
        <source>Product &amp;area:</source>
        <translation>Á&amp;rea de producto:</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>Referencia del c&amp;liente:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Impacto:</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Área de producto</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Referencia del cliente</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Type a few letters of the community&apos;s name to pick it.</source>
        <translation>Escribe algunas letras del nombre de la comunidad para elegirla.</translation>
    </message>
    <message>
        <source>Type to choose a community</source>
        <translation>Escribe para elegir una comunidad</translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation>Número de caso o de cliente (opcional)</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Guardar (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save insight</source>
        <translation>Guardar hallazgo</translation>
    </message>
    <message>
        <source>Hide (Esc)</source>
        <translation>Ocultar (Esc)</translation>
    </message>
    <message>
        <source>Hide and keep the draft</source>
        <translation>Ocultar y conservar el borrador</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Your draft could not be saved: {reason}</source>
        <translation>No se pudo guardar el borrador: {reason}</translation>
    </message>
    <message>
        <source>Add “same here” to “{insight}”? Alt+1 — or Ctrl+Enter again to save a new insight.</source>
        <translation>¿Añadir «a mí también» a «{insight}»? Alt+1 — o Ctrl+Enter de nuevo guarda una nueva.</translation>
    </message>
    <message>
        <source>The insight is empty. Type what the customer said, then save.</source>
        <translation>El hallazgo está vacío. Escribe lo que dijo el cliente y luego guarda.</translation>
    </message>
    <message>
        <source>Palaute is still opening its database. Try again in a moment.</source>
        <translation>Palaute todavía está abriendo su base de datos. Inténtalo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>“Same here” added</source>
        <translation>«A mí también» añadido</translation>
    </message>
    <message>
        <source>Saved to {community}</source>
        <translation>Guardado en {community}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) masked</source>
        <translation>
            <numerusform>%n dato ocultado</numerusform>
            <numerusform>%n datos ocultados</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: the insight was removed before it was sent.</source>
        <translation>Deshecho: el hallazgo se eliminó antes de enviarse.</translation>
    </message>
    <message>
        <source>Undone: the insight had been sent, so it is withdrawn. Save it again when it is right.</source>
        <translation>Deshecho: el hallazgo ya se había enviado, así que se retira. Guárdalo de nuevo cuando esté bien.</translation>
    </message>
    <message>
        <source>Draft from {time}</source>
        <translation>Borrador de las {time}</translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation>&amp;Descartar borrador</translation>
    </message>
    <message>
        <source>Discard the draft and start a new insight</source>
        <translation>Descartar el borrador y empezar un hallazgo nuevo</translation>
    </message>
    <message>
        <source>U&amp;ndo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>Undo the last save</source>
        <translation>Deshacer el último guardado</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
</context>
<context>
    <name>CommunitiesRow</name>
    <message>
        <source>✓ %1: member (set by your administrator)</source>
        <translation>✓ %1: miembro (lo decide tu administrador)</translation>
    </message>
    <message>
        <source>%1: not a member (set by your administrator)</source>
        <translation>%1: no eres miembro (lo decide tu administrador)</translation>
    </message>
    <message>
        <source>✓ %1: member (sign in to leave)</source>
        <translation>✓ %1: miembro (inicia sesión para salir)</translation>
    </message>
    <message>
        <source>%1: open (sign in to join)</source>
        <translation>%1: abierta (inicia sesión para unirte)</translation>
    </message>
    <message>
        <source>Your communities</source>
        <translation>Tus comunidades</translation>
    </message>
    <message>
        <source>You see the insights of the communities you belong to. Tick or untick an open one to join or leave it.</source>
        <translation>Ves los hallazgos de las comunidades a las que perteneces. Marca o desmarca una abierta para unirte o salir.</translation>
    </message>
</context>
<context>
    <name>DigestView</name>
    <message>
        <source>Captured</source>
        <translation>Anotados</translation>
    </message>
    <message>
        <source>Same here</source>
        <translation>A mí también</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Respondidos</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Publicados</translation>
    </message>
    <message>
        <source>Answered within 7 days (4 weeks)</source>
        <translation>Respondidos en 7 días (4 semanas)</translation>
    </message>
    <message>
        <source>Shipped (4 weeks)</source>
        <translation>Publicados (4 semanas)</translation>
    </message>
    <message>
        <source>Customers behind shipped work</source>
        <translation>Clientes tras lo publicado</translation>
    </message>
    <message>
        <source>Week {week}: {first} – {last}</source>
        <translation>Semana {week}: {first} – {last}</translation>
    </message>
    <message>
        <source>You belong to no community yet. Ask an administrator to add you to one.</source>
        <translation>Aún no perteneces a ninguna comunidad. Pide a un administrador que te añada.</translation>
    </message>
    <message>
        <source>Top new insights</source>
        <translation>Principales hallazgos nuevos</translation>
    </message>
    <message>
        <source>Nothing new this week.</source>
        <translation>Nada nuevo esta semana.</translation>
    </message>
    <message>
        <source>Answered by the product team</source>
        <translation>Respondidos por el equipo de producto</translation>
    </message>
    <message>
        <source>No answers this week.</source>
        <translation>Ninguna respuesta esta semana.</translation>
    </message>
    <message>
        <source>Nothing shipped this week.</source>
        <translation>No se publicó nada esta semana.</translation>
    </message>
    <message>
        <source>Reply: {text}</source>
        <translation>Respuesta: {text}</translation>
    </message>
</context>
<context>
    <name>DigestWindow</name>
    <message>
        <source>Palaute — Weekly community digest</source>
        <translation>Palaute — Resumen semanal de las comunidades</translation>
    </message>
    <message>
        <source>◀ &amp;Previous week</source>
        <translation>◀ Semana &amp;anterior</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>Semana anterior (Alt+Left)</translation>
    </message>
    <message>
        <source>&amp;Next week ▶</source>
        <translation>Semana &amp;siguiente ▶</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Semana siguiente (Alt+Right)</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>&amp;Save as Markdown…</source>
        <translation>&amp;Guardar como Markdown…</translation>
    </message>
    <message>
        <source>Save the digest as a Markdown file (Ctrl+S)</source>
        <translation>Guardar el resumen como archivo Markdown (Ctrl+S)</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>All my communities</source>
        <translation>Todas mis comunidades</translation>
    </message>
    <message>
        <source>Fetching the digest…</source>
        <translation>Obteniendo el resumen…</translation>
    </message>
    <message>
        <source>Offline: this is the copy fetched {at}. ({reason})</source>
        <translation>Sin conexión: esta es la copia obtenida el {at}. ({reason})</translation>
    </message>
    <message>
        <source>Week {week}</source>
        <translation>Semana {week}</translation>
    </message>
    <message>
        <source>Save digest</source>
        <translation>Guardar el resumen</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>No se pudo guardar {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado: {path}</translation>
    </message>
</context>
<context>
    <name>DuplicateHints</name>
    <message>
        <source>Already reported? Alt+1…3 (or Enter on one) adds “same here” with this call&apos;s customer and impact instead of a new insight.</source>
        <translation>¿Ya está anotado? Alt+1…3 (o Enter sobre uno) añade «A mí también» con el cliente y el impacto de esta llamada en lugar de un hallazgo nuevo.</translation>
    </message>
    <message>
        <source>Similar insights</source>
        <translation>Hallazgos similares</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>tuyo</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>de {author}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Palaute — Edit insight</source>
        <translation>Palaute — Editar hallazgo</translation>
    </message>
    <message>
        <source>&amp;What did the customer say?</source>
        <translation>¿&amp;Qué dijo el cliente?</translation>
    </message>
    <message>
        <source>Insight text</source>
        <translation>Texto del hallazgo</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Comunidad:</translation>
    </message>
    <message>
        <source>Product &amp;area:</source>
        <translation>Á&amp;rea de producto:</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>Referencia del c&amp;liente:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Impacto:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Etiquetas:</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Área de producto</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Referencia del cliente</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>Separated by commas (optional)</source>
        <translation>Separadas por comas (opcional)</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Guardar (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar los cambios</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Cancelar la edición</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <source>Your desktop shows no tray icons, so Palaute uses this window instead. On GNOME, install the “AppIndicator and KStatusNotifierItem Support” extension to get a Palaute icon in the top bar.</source>
        <translation>Tu escritorio no muestra iconos en la bandeja del sistema, así que Palaute usa esta ventana. En GNOME, instala la extensión «AppIndicator and KStatusNotifierItem Support» para tener el icono de Palaute en la barra superior.</translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation>Palaute</translation>
    </message>
    <message>
        <source>Palaute is running. Press {key} in any application to capture an insight.</source>
        <translation>Palaute está en marcha. Pulsa {key} en cualquier aplicación para anotar un hallazgo.</translation>
    </message>
    <message>
        <source>Palaute is running. Use the button below to capture an insight.</source>
        <translation>Palaute está en marcha. Usa el botón de abajo para anotar un hallazgo.</translation>
    </message>
    <message>
        <source>Closing this window keeps Palaute running.</source>
        <translation>Si cierras esta ventana, Palaute sigue en marcha.</translation>
    </message>
    <message>
        <source>&amp;Capture insight…</source>
        <translation>&amp;Anotar hallazgo…</translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation>Abrir &amp;bandeja</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>A&amp;justes…</translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation>&amp;Salir de Palaute</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Palaute is running</source>
        <translation>Palaute está en marcha</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All communities</source>
        <translation>Todas las comunidades</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Whose insights</source>
        <translation>De quién son los hallazgos</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>Mine and my communities&apos;</source>
        <translation>Míos y de mis comunidades</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Míos</translation>
    </message>
    <message>
        <source>My communities&apos;</source>
        <translation>De mis comunidades</translation>
    </message>
    <message>
        <source>Unread replies</source>
        <translation>Respuestas sin leer</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Respondidos</translation>
    </message>
    <message>
        <source>New this week</source>
        <translation>Nuevos esta semana</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Any impact</source>
        <translation>Cualquier impacto</translation>
    </message>
    <message>
        <source>Search insights</source>
        <translation>Buscar hallazgos</translation>
    </message>
    <message>
        <source>Text, customer, tags (Ctrl+F)</source>
        <translation>Texto, cliente, etiquetas (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by community</source>
        <translation>Filtrar por comunidad</translation>
    </message>
    <message>
        <source>Filter by impact</source>
        <translation>Filtrar por impacto</translation>
    </message>
</context>
<context>
    <name>Impact</name>
    <message>
        <source>Low</source>
        <translation>Bajo</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>Bloqueante</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>by {author}</source>
        <translation>de {author}</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n respuesta</numerusform>
            <numerusform>%n respuestas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n respuesta sin leer</numerusform>
            <numerusform>%n respuestas sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>the server refused it</source>
        <translation>el servidor lo rechazó</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>No enviado: {reason}</translation>
    </message>
    <message>
        <source>Saved on this computer</source>
        <translation>Guardado en este equipo</translation>
    </message>
    <message>
        <source>{status}, withdrawn</source>
        <translation>{status}, retirado</translation>
    </message>
    <message>
        <source>; reported by {author}</source>
        <translation>; anotado por {author}</translation>
    </message>
    <message numerus="yes">
        <source>%n insight(s)</source>
        <translation>
            <numerusform>%n hallazgo</numerusform>
            <numerusform>%n hallazgos</numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>hace %n min</numerusform>
            <numerusform>hace %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>hace %n h</numerusform>
            <numerusform>hace %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxWindow</name>
    <message>
        <source>Palaute — Inbox</source>
        <translation>Palaute — Bandeja</translation>
    </message>
    <message>
        <source>Arrow keys choose an insight; Enter opens its thread.</source>
        <translation>Las flechas eligen un hallazgo; Enter abre su conversación.</translation>
    </message>
    <message>
        <source>Number of insights</source>
        <translation>Número de hallazgos</translation>
    </message>
    <message>
        <source>Weekly &amp;digest…</source>
        <translation>Resumen &amp;semanal…</translation>
    </message>
    <message>
        <source>Weekly community digest</source>
        <translation>Resumen semanal de las comunidades</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Insights and thread</source>
        <translation>Hallazgos y conversación</translation>
    </message>
    <message>
        <source>Your insights</source>
        <translation>Tus hallazgos</translation>
    </message>
</context>
<context>
    <name>NoticeWords</name>
    <message>
        <source>“{insight}”</source>
        <translation>«{insight}»</translation>
    </message>
    <message>
        <source>Reply from {who}</source>
        <translation>Respuesta de {who}</translation>
    </message>
    <message>
        <source>{reply} · {status}</source>
        <translation>{reply} · {status}</translation>
    </message>
    <message>
        <source>Merged with an existing insight</source>
        <translation>Fusionado con un hallazgo existente</translation>
    </message>
    <message>
        <source>Your insight is now: {status}</source>
        <translation>Tu hallazgo está ahora: {status}</translation>
    </message>
    <message>
        <source>News about your insight</source>
        <translation>Novedades de tu hallazgo</translation>
    </message>
</context>
<context>
    <name>PiiGuard</name>
    <message>
        <source>Masked when you save; tick one to keep it as typed:</source>
        <translation>Se ocultan al guardar; marca uno para conservarlo tal cual:</translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation>Datos personales encontrados</translation>
    </message>
    <message>
        <source>Each item is masked when you save. Space ticks it to keep it as typed.</source>
        <translation>Cada dato se oculta al guardar. La barra espaciadora lo marca para conservarlo tal cual.</translation>
    </message>
    <message>
        <source>{kind} {value}: saved as “{masked}”. Tick to keep it as typed.</source>
        <translation>{kind} {value}: se guarda como «{masked}». Márcalo para conservarlo tal cual.</translation>
    </message>
    <message>
        <source>{value} (kept)</source>
        <translation>{value} (se conserva)</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Número de tarjeta</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>National identity number</source>
        <translation>Número de identidad</translation>
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
        <translation>Dato personal: se oculta al guardar el hallazgo</translation>
    </message>
    <message>
        <source>Personal data you chose to keep as typed</source>
        <translation>Dato personal que elegiste conservar tal cual</translation>
    </message>
</context>
<context>
    <name>SameHereDialog</name>
    <message>
        <source>Same here</source>
        <translation>A mí también</translation>
    </message>
    <message>
        <source>Your customer said this too:
“{text}”</source>
        <translation>Tu cliente también dijo esto:
«{text}»</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Referencia del cliente</translation>
    </message>
    <message>
        <source>Case or customer number (optional)</source>
        <translation>Número de caso o de cliente (opcional)</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>C&amp;ustomer reference:</source>
        <translation>Referencia del c&amp;liente:</translation>
    </message>
    <message>
        <source>&amp;Impact:</source>
        <translation>&amp;Impacto:</translation>
    </message>
    <message>
        <source>Add “same here”</source>
        <translation>Añadir «A mí también»</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Palaute — Settings</source>
        <translation>Palaute — Ajustes</translation>
    </message>
    <message>
        <source>Capture &amp;hotkey:</source>
        <translation>&amp;Atajo de teclado:</translation>
    </message>
    <message>
        <source>Default &amp;community:</source>
        <translation>&amp;Comunidad predeterminada:</translation>
    </message>
    <message>
        <source>Start at lo&amp;gin:</source>
        <translation>Iniciar al &amp;entrar:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>Co&amp;mmunities:</source>
        <translation>Co&amp;munidades:</translation>
    </message>
    <message>
        <source>Capture hotkey</source>
        <translation>Atajo para anotar</translation>
    </message>
    <message>
        <source>Press the new key combination, for example Ctrl+Alt+I.</source>
        <translation>Pulsa la nueva combinación de teclas, por ejemplo Ctrl+Alt+I.</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>&amp;Predeterminado</translation>
    </message>
    <message>
        <source>Use the default hotkey</source>
        <translation>Usar el atajo predeterminado</translation>
    </message>
    <message>
        <source>Default community</source>
        <translation>Comunidad predeterminada</translation>
    </message>
    <message>
        <source>The last one used</source>
        <translation>La última usada</translation>
    </message>
    <message>
        <source>Start Palaute when I log in</source>
        <translation>Iniciar Palaute al iniciar sesión</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al entrar</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation>Cerrar ajustes</translation>
    </message>
    <message>
        <source>Hotkey message</source>
        <translation>Mensaje del atajo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Global hotkeys are not available on this desktop.</source>
        <translation>Los atajos globales no están disponibles en este escritorio.</translation>
    </message>
    <message>
        <source>The hotkey stays {key}.</source>
        <translation>El atajo sigue siendo {key}.</translation>
    </message>
    <message>
        <source>Saved. Press {key} anywhere to capture an insight.</source>
        <translation>Guardado. Pulsa {key} en cualquier lugar para anotar un hallazgo.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the Palaute server</source>
        <translation>Iniciar sesión en el servidor de Palaute</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>Estado del inicio de sesión</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in with your organisation</source>
        <translation>Iniciar sesión con tu organización</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Dirección del servidor:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation>Escribe la dirección del servidor, tu nombre de usuario y tu contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Fill in the server address first.</source>
        <translation>Escribe primero la dirección del servidor.</translation>
    </message>
    <message>
        <source>Finish signing in in your browser…</source>
        <translation>Termina de iniciar sesión en el navegador…</translation>
    </message>
    <message>
        <source>Open this address in a browser to sign in:</source>
        <translation>Abre esta dirección en un navegador para iniciar sesión:</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planificado</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Not signed out</source>
        <translation>No se ha cerrado la sesión</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Withdraw this insight? The product team will see it as withdrawn, and it can no longer be edited.</source>
        <translation>¿Retirar este hallazgo? El equipo de producto lo verá como retirado y ya no se podrá editar.</translation>
    </message>
    <message>
        <source>Palaute — Withdraw insight</source>
        <translation>Palaute — Retirar hallazgo</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Retirar</translation>
    </message>
    <message>
        <source>Withdraw the insight</source>
        <translation>Retirar el hallazgo</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Conservarlo</translation>
    </message>
    <message>
        <source>Keep the insight</source>
        <translation>Conservar el hallazgo</translation>
    </message>
    <message>
        <source>Insight and replies</source>
        <translation>Hallazgo y respuestas</translation>
    </message>
    <message>
        <source>&amp;Reply:</source>
        <translation>&amp;Respuesta:</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Write a reply. Ctrl+Enter sends it; offline it waits and goes later.</source>
        <translation>Escribe una respuesta. Ctrl+Enter la envía; sin conexión, espera y se envía más tarde.</translation>
    </message>
    <message>
        <source>Se&amp;nd (Ctrl+Enter)</source>
        <translation>E&amp;nviar (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Enviar respuesta</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>E&amp;ditar…</translation>
    </message>
    <message>
        <source>Edit insight</source>
        <translation>Editar hallazgo</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>Re&amp;tirar…</translation>
    </message>
    <message>
        <source>Withdraw insight</source>
        <translation>Retirar hallazgo</translation>
    </message>
    <message>
        <source>Sa&amp;me here…</source>
        <translation>&amp;A mí también…</translation>
    </message>
    <message>
        <source>Add your customer to this insight</source>
        <translation>Añadir tu cliente a este hallazgo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>This insight is no longer on this computer.</source>
        <translation>Este hallazgo ya no está en este equipo.</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Respuesta enviada.</translation>
    </message>
    <message>
        <source>“Same here” sent.</source>
        <translation>«A mí también» enviado.</translation>
    </message>
    <message>
        <source>Withdrawal sent.</source>
        <translation>Retirada enviada.</translation>
    </message>
    <message>
        <source>Changes sent.</source>
        <translation>Cambios enviados.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>Product area</source>
        <translation>Área de producto</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>Customer reference</source>
        <translation>Referencia del cliente</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impacto</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Behind it</source>
        <translation>Respaldado por</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>You ({state})</source>
        <translation>Tú ({state})</translation>
    </message>
    <message>
        <source>product team</source>
        <translation>equipo de producto</translation>
    </message>
    <message>
        <source>The reply is empty. Type it, then press Ctrl+Enter.</source>
        <translation>La respuesta está vacía. Escríbela y luego pulsa Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Reply saved. It is sent when Palaute is online.</source>
        <translation>Respuesta guardada. Se enviará cuando Palaute tenga conexión.</translation>
    </message>
    <message>
        <source>Changes saved. They are sent when Palaute is online.</source>
        <translation>Cambios guardados. Se enviarán cuando Palaute tenga conexión.</translation>
    </message>
    <message>
        <source>“Same here” saved. It is sent when Palaute is online.</source>
        <translation>«A mí también» guardado. Se enviará cuando Palaute tenga conexión.</translation>
    </message>
    <message>
        <source>Insight withdrawn. The product team is told when Palaute is online.</source>
        <translation>Hallazgo retirado. El equipo de producto lo sabrá cuando Palaute tenga conexión.</translation>
    </message>
    <message>
        <source>Choose an insight in the list to see its thread.</source>
        <translation>Elige un hallazgo de la lista para ver su conversación.</translation>
    </message>
    <message>
        <source>No replies yet.</source>
        <translation>Todavía no hay respuestas.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Capture insight…</source>
        <translation>&amp;Anotar hallazgo…</translation>
    </message>
    <message>
        <source>Open &amp;inbox</source>
        <translation>Abrir &amp;bandeja</translation>
    </message>
    <message>
        <source>Weekly &amp;digest…</source>
        <translation>Resumen &amp;semanal…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;incronizar ahora</translation>
    </message>
    <message>
        <source>&amp;Pause sync</source>
        <translation>&amp;Pausar sincronización</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>A&amp;justes…</translation>
    </message>
    <message>
        <source>&amp;Quit Palaute</source>
        <translation>&amp;Salir de Palaute</translation>
    </message>
    <message>
        <source>Palaute menu</source>
        <translation>Menú de Palaute</translation>
    </message>
    <message>
        <source>Palaute</source>
        <translation>Palaute</translation>
    </message>
    <message>
        <source>Palaute — offline, insights are kept on this computer</source>
        <translation>Palaute — sin conexión, los hallazgos se guardan en este equipo</translation>
    </message>
    <message>
        <source>Palaute — syncing</source>
        <translation>Palaute — sincronizando</translation>
    </message>
    <message>
        <source>Palaute — sync problem, see the inbox</source>
        <translation>Palaute — problema de sincronización, mira la bandeja</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Sesión iniciada como %1</translation>
    </message>
    <message>
        <source>Not signed in: insights stay on this computer</source>
        <translation>Sin sesión iniciada: los hallazgos se quedan en este equipo</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Última sincronización: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n cambio pendiente de enviar</numerusform>
            <numerusform>%n cambios pendientes de enviar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread reply(s)</source>
        <translation>
            <numerusform>%n respuesta sin leer</numerusform>
            <numerusform>%n respuestas sin leer</numerusform>
        </translation>
    </message>
</context>
</TS>
