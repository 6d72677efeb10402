<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>adapter</name>
    <message>
        <source>tiservice: interner Fehler</source>
        <translation>tiservice: internal error</translation>
    </message>
    <message>
        <source>tiservice ist unvollständig installiert: der Dienst tiservice-engine fehlt (gesucht: %1). Bitte tiservice neu installieren oder den Support anrufen.</source>
        <translation>tiservice is not installed completely: its service tiservice-engine is missing (looked for: %1). Please install tiservice again or call support.</translation>
    </message>
    <message>
        <source>Unbekannter Menüeintrag: %1</source>
        <translation>Unknown menu entry: %1</translation>
    </message>
    <message>
        <source>Der TI-Dienst von tiservice startet nicht. Bitte die Praxissoftware neu starten; bleibt dieser Hinweis, den Support anrufen.</source>
        <translation>tiservice&apos;s TI service does not start. Please restart the practice software; if this notice stays, call support.</translation>
    </message>
    <message>
        <source>Der TI-Dienst von tiservice wurde wiederholt unerwartet beendet. Bitte die Praxissoftware neu starten; bleibt dieser Hinweis, den Support anrufen.</source>
        <translation>tiservice&apos;s TI service ended unexpectedly more than once. Please restart the practice software; if this notice stays, call support.</translation>
    </message>
    <message>
        <source>Der TI-Dienst von tiservice wurde unerwartet beendet und startet neu. Ein Update, das der Konnektor schon installiert, läuft dort weiter.</source>
        <translation>tiservice&apos;s TI service ended unexpectedly and is starting again. An update the connector is already installing goes on there.</translation>
    </message>
    <message>
        <source>TI-Komponenten</source>
        <translation>TI components</translation>
    </message>
</context>
<context>
    <name>answers</name>
    <message>
        <source>Die Antwortdatei ist ungültig: %1</source>
        <translation>The answers file is not valid: %1</translation>
    </message>
    <message>
        <source>Form: {&quot;frage.id&quot;: &quot;Antwort&quot;, …} – siehe README.</source>
        <translation>Form: {&quot;question.id&quot;: &quot;answer&quot;, …} – see the README.</translation>
    </message>
    <message>
        <source>kein JSON-Objekt</source>
        <translation>not a JSON object</translation>
    </message>
    <message>
        <source>%1: nur Texte erlaubt</source>
        <translation>%1: only strings are allowed</translation>
    </message>
    <message>
        <source>kein gültiges JSON (Zeichen %1)%2</source>
        <translation>not valid JSON (character %1)%2</translation>
    </message>
</context>
<context>
    <name>approval_catalog</name>
    <message>
        <source>Später erneut prüfen; der zuletzt geprüfte Katalog bleibt in Gebrauch.</source>
        <translation>Check again later; the last verified catalog stays in use.</translation>
    </message>
    <message>
        <source>Ihr Dienstleister vor Ort (DVO), der den Konnektor eingerichtet hat</source>
        <translation>your local service partner who set up the connector</translation>
    </message>
    <message>
        <source>Der Zulassungskatalog ist fehlerhaft%1.</source>
        <translation>The approval catalog is faulty%1.</translation>
    </message>
</context>
<context>
    <name>assessment</name>
    <message>
        <source>aktuell</source>
        <translation>current</translation>
    </message>
    <message>
        <source>unbekannt</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Update verfügbar</source>
        <translation>update available</translation>
    </message>
    <message>
        <source>Zulassung endet</source>
        <translation>approval ends</translation>
    </message>
    <message>
        <source>abgelaufen: VPN wird gesperrt</source>
        <translation>expired: VPN will be blocked</translation>
    </message>
    <message>
        <source>TI-Zugang gesperrt</source>
        <translation>TI access blocked</translation>
    </message>
    <message>
        <source>Die Zulassung von Version %1 ist am %2 abgelaufen: der VPN-Zugang zur TI wird gesperrt.</source>
        <translation>The approval of version %1 ended on %2: the VPN access to the TI will be blocked.</translation>
    </message>
    <message>
        <source>Sofort den Support anrufen.</source>
        <translation>Call support at once.</translation>
    </message>
    <message>
        <source>Sofort das Update auf %1 installieren.</source>
        <translation>Install the update to %1 at once.</translation>
    </message>
    <message>
        <source>Die Frist für das kritische Update %1 ist am %2 abgelaufen: der TI-Zugang wird gesperrt.</source>
        <translation>The deadline for the critical update %1 passed on %2: the TI access will be blocked.</translation>
    </message>
    <message>
        <source>Die Zulassung von Version %1 endet am %2 (%3).</source>
        <translation>The approval of version %1 ends on %2 (%3).</translation>
    </message>
    <message>
        <source>Das kritische Update %1 muss bis %2 installiert sein (%3).</source>
        <translation>The critical update %1 must be installed by %2 (%3).</translation>
    </message>
    <message>
        <source>Update auf %1 vor dem %2 installieren, am besten außerhalb der Sprechzeiten.</source>
        <translation>Install the update to %1 before %2, best outside office hours.</translation>
    </message>
    <message>
        <source>Version %1 ist verfügbar (installiert: %2).</source>
        <translation>Version %1 is available (installed: %2).</translation>
    </message>
    <message>
        <source>Update auf %1 einplanen.</source>
        <translation>Plan the update to %1.</translation>
    </message>
    <message>
        <source>Dieses Gerät steht nicht im Zulassungskatalog; ob Version %1 zugelassen ist, ist unbekannt.</source>
        <translation>This device is not in the approval catalog; whether version %1 is approved is unknown.</translation>
    </message>
    <message>
        <source>Beim Support nachfragen, welche Version zugelassen ist.</source>
        <translation>Ask support which version is approved.</translation>
    </message>
    <message>
        <source>Version %1 ist aktuell.</source>
        <translation>Version %1 is current.</translation>
    </message>
    <message>
        <source>Der Konnektor meldet einen Integritätsfehler und ist nicht betriebsbereit.</source>
        <translation>The connector reports an integrity failure and is not operational.</translation>
    </message>
    <message>
        <source>Den Konnektor nicht vom Strom trennen und sofort den Support anrufen. %1</source>
        <translation>Do not unplug the connector; call support at once. %1</translation>
    </message>
    <message>
        <source>Der Konnektor sperrt den TI-Zugang: die Frist des kritischen Updates ist abgelaufen.</source>
        <translation>The connector blocks the TI access: the critical update&apos;s deadline has passed.</translation>
    </message>
    <message>
        <source>Jetzt das Update installieren; danach ist der TI-Zugang wieder frei.</source>
        <translation>Install the update now; afterwards the TI access is open again.</translation>
    </message>
    <message>
        <source>Das Terminal einschalten und mit dem Praxisnetz verbinden, dann erneut prüfen.</source>
        <translation>Switch the terminal on and connect it to the practice network, then check again.</translation>
    </message>
    <message>
        <source>Der Konnektor meldet ein Update (installiert: %1).</source>
        <translation>The connector reports an update (installed: %1).</translation>
    </message>
    <message>
        <source>Das Update einplanen.</source>
        <translation>Plan the update.</translation>
    </message>
    <message>
        <source>Ob Version %1 zugelassen ist, lässt sich nicht prüfen: es liegt noch kein geprüfter Zulassungskatalog vor.</source>
        <translation>Whether version %1 is approved cannot be checked: there is no verified approval catalog yet.</translation>
    </message>
    <message>
        <source>Der Update-Server des Herstellers ist nicht erreichbar: die Internetverbindung prüfen und später noch einmal prüfen.</source>
        <translation>The vendor&apos;s update server cannot be reached: check the internet connection and check again later.</translation>
    </message>
    <message>
        <source>Das Update einplanen; welche Version es ist, zeigt die geführte Aktualisierung.</source>
        <translation>Plan the update; the guided update shows which version it is.</translation>
    </message>
    <message>
        <source>Der Zulassungskatalog kennt dieses Gerät, nennt aber noch keine Version dafür; ob Version %1 zugelassen ist, ist unbekannt.</source>
        <translation>The approval catalog knows this device but names no version for it yet; whether version %1 is approved is unknown.</translation>
    </message>
    <message>
        <source>Version %1 ist neuer als alle Versionen, die der Zulassungskatalog kennt (zuletzt %2): der Katalog kennt diese Version noch nicht.</source>
        <translation>Version %1 is newer than every version the approval catalog knows (latest %2): the catalog does not know this version yet.</translation>
    </message>
    <message>
        <source>Nichts tun: ob sie zugelassen ist, zeigt eine der nächsten Aktualisierungen des Katalogs. Im Zweifel beim Support nachfragen.</source>
        <translation>Nothing to do: one of the next catalog updates will show whether it is approved. If in doubt, ask support.</translation>
    </message>
    <message>
        <source>Version %1 ist aktuell; für dieses Gerät gibt es kein Update (kein Update verfügbar).</source>
        <translation>Version %1 is current; there is no update for this device (no update available).</translation>
    </message>
    <message>
        <source>Das Auto-Update des Konnektors hat am %1 Version %2 installiert.</source>
        <translation>The connector&apos;s auto-update installed version %2 on %1.</translation>
    </message>
    <message>
        <source>Das Auto-Update installiert gerade Version %1: den Konnektor nicht ausschalten.</source>
        <translation>The auto-update is installing version %1 right now: do not switch the connector off.</translation>
    </message>
    <message>
        <source>Das Auto-Update am %1 ist fehlgeschlagen (%2); der Konnektor läuft mit Version %3 weiter.</source>
        <translation>The auto-update on %1 failed (%2); the connector goes on running version %3.</translation>
    </message>
    <message>
        <source>Das Auto-Update am %1 wurde verpasst, weil %2; der Konnektor holt es nicht nach.</source>
        <translation>The auto-update on %1 was missed because %2; the connector does not catch up on it.</translation>
    </message>
    <message>
        <source>Auto-Update geplant für %1: der Konnektor installiert Version %2 dann selbst.</source>
        <translation>Auto-update planned for %1: the connector then installs version %2 itself.</translation>
    </message>
    <message>
        <source>Auto-Update geplant für %1: nichts weiter tun, den Konnektor nur eingeschaltet lassen.</source>
        <translation>Auto-update planned for %1: nothing else to do, just keep the connector switched on.</translation>
    </message>
    <message>
        <source>Den Konnektor nicht vom Strom trennen und sofort den Support anrufen.</source>
        <translation>Do not unplug the connector; call support at once.</translation>
    </message>
    <message>
        <source>Das Kartenterminal „%1“ meldet keine Version.</source>
        <translation>The card terminal “%1” reports no version.</translation>
    </message>
    <message>
        <source>Das Kartenterminal „%1“ ist nicht verbunden; seine Version ist unbekannt.</source>
        <translation>The card terminal “%1” is not connected; its version is unknown.</translation>
    </message>
    <message>
        <source>nicht verbunden – einschalten</source>
        <translation>not connected – switch it on</translation>
    </message>
    <message>
        <source>%1 um %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>Die Zulassung von Version %1 ist am %2 abgelaufen. Der Konnektor sperrt den TI-Zugang am %3 (%4).</source>
        <translation>The approval of version %1 ended on %2. The connector blocks the TI access on %3 (%4).</translation>
    </message>
    <message>
        <source>letzter Tag</source>
        <translation>last day</translation>
    </message>
    <message>
        <source>noch 1 Tag</source>
        <translation>1 day left</translation>
    </message>
    <message>
        <source>noch %1 Tage</source>
        <translation>%1 days left</translation>
    </message>
    <message>
        <source>Frist %1, %2</source>
        <translation>deadline %1, %2</translation>
    </message>
    <message>
        <source>abgelaufen am %1; Sperre am %2, %3</source>
        <translation>expired on %1; blocked on %2, %3</translation>
    </message>
    <message>
        <source>abgelaufen am %1</source>
        <translation>expired on %1</translation>
    </message>
    <message>
        <source>der Konnektor ausgeschaltet war</source>
        <translation>the connector was switched off</translation>
    </message>
    <message>
        <source>der Konnektor gerade beschäftigt war</source>
        <translation>the connector was busy</translation>
    </message>
    <message>
        <source>das Update noch nicht heruntergeladen war</source>
        <translation>the update had not been downloaded yet</translation>
    </message>
    <message>
        <source>der Konnektor einen Defekt meldet</source>
        <translation>the connector reports a defect</translation>
    </message>
    <message>
        <source>Das Auto-Update am %1 wurde verpasst; der Konnektor nennt keinen Grund und holt es nicht nach.</source>
        <translation>The auto-update on %1 was missed; the connector gives no reason and does not catch up on it.</translation>
    </message>
    <message>
        <source>Sofort den Support anrufen: %1.</source>
        <translation>Call support at once: %1.</translation>
    </message>
    <message>
        <source>vom Auto-Update des Konnektors</source>
        <translation>by the connector&apos;s auto-update</translation>
    </message>
    <message>
        <source>von %1/%2</source>
        <translation>by %1/%2</translation>
    </message>
    <message>
        <source>Das Update auf %1 läuft gerade (%2): nichts weiter tun und den Konnektor nicht ausschalten.</source>
        <translation>The update to %1 is running right now (%2): nothing else to do, and do not switch the connector off.</translation>
    </message>
    <message>
        <source>Das Update auf %1 ist für %2 geplant (%3): nichts weiter tun; den Konnektor dann eingeschaltet lassen.</source>
        <translation>The update to %1 is planned for %2 (%3): nothing else to do; keep the connector switched on then.</translation>
    </message>
    <message>
        <source>an der Verwaltungsoberfläche des Konnektors, etwa von Ihrem Dienstleister vor Ort (DVO)</source>
        <translation>at the connector&apos;s admin interface, for example by your local service partner</translation>
    </message>
    <message>
        <source>Am %1 auf %2 aktualisiert (%3).</source>
        <translation>Updated to %2 on %1 (%3).</translation>
    </message>
    <message>
        <source>Version am Gerät selbst ablesen: %1</source>
        <translation>To read the version on the device itself: %1</translation>
    </message>
    <message>
        <source>Kostenpflichtiges Upgrade „%1“</source>
        <translation>Paid upgrade &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Upgrade „%1“</source>
        <translation>Upgrade &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: im Konnektor freigeschaltet.</source>
        <translation>%1: active in the connector.</translation>
    </message>
    <message>
        <source>%1: nicht freigeschaltet. %2</source>
        <translation>%1: not active. %2</translation>
    </message>
    <message>
        <source>Das Update von Hand starten; scheitert es wieder, den Support anrufen.</source>
        <translation>Start the update by hand; if it fails again, call support.</translation>
    </message>
    <message>
        <source>Das Update von Hand starten oder den Konnektor bis zum nächsten Auto-Update (%1) eingeschaltet lassen.</source>
        <translation>Start the update by hand, or keep the connector switched on until the next auto-update (%1).</translation>
    </message>
    <message>
        <source>Das Update von Hand starten.</source>
        <translation>Start the update by hand.</translation>
    </message>
    <message>
        <source>Das Auto-Update (%1) kommt erst nach der Frist: das Update vorher von Hand installieren.</source>
        <translation>The auto-update (%1) comes only after the deadline: install the update by hand before it.</translation>
    </message>
    <message>
        <source>Das mobile Kartenterminal antwortet nicht; seine Version ist unbekannt.</source>
        <translation>The mobile card terminal does not answer; its version is unknown.</translation>
    </message>
    <message>
        <source>Das Gerät in seine Ladeschale stellen oder per USB an diesen PC anschließen, dann erneut prüfen.</source>
        <translation>Put the device in its charging dock or connect it to this PC by USB, then check again.</translation>
    </message>
    <message>
        <source>%1: das Gerät nennt keine Version; nötig ist %2.</source>
        <translation>%1: the device reports no version; %2 is needed.</translation>
    </message>
    <message>
        <source>%1 %2 ist veraltet; nötig ist %3.</source>
        <translation>%1 %2 is outdated; %3 is needed.</translation>
    </message>
    <message>
        <source>Das mobile Terminal am PC aktualisieren (nicht über den Konnektor): erst dann liest es auch die neueste Kartengeneration.</source>
        <translation>Update the mobile terminal from the PC (not through the connector): only then does it read the newest card generation too.</translation>
    </message>
    <message>
        <source>%1: %2 (nötig: %3).</source>
        <translation>%1: %2 (needed: %3).</translation>
    </message>
    <message>
        <source>Akku %1 %, in der Ladeschale.</source>
        <translation>Battery %1 %, in the charging dock.</translation>
    </message>
    <message>
        <source>Akku %1 %, nicht in der Ladeschale.</source>
        <translation>Battery %1 %, not in the charging dock.</translation>
    </message>
</context>
<context>
    <name>atomic_file</name>
    <message>
        <source>Schreibrechte und freien Speicherplatz des Ordners prüfen.</source>
        <translation>Check the folder&apos;s write permissions and free disk space.</translation>
    </message>
    <message>
        <source>Die Datei %1 fehlt oder ist nicht lesbar.</source>
        <translation>The file %1 is missing or cannot be read.</translation>
    </message>
    <message>
        <source>Die Datei %1 ist zu groß.</source>
        <translation>The file %1 is too large.</translation>
    </message>
    <message>
        <source>Die Datei %1 ist nicht lesbar.</source>
        <translation>The file %1 cannot be read.</translation>
    </message>
    <message>
        <source>der Datenträger ist voll</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>keine Schreibrechte</source>
        <translation>no write permission</translation>
    </message>
    <message>
        <source>der Datenträger ist schreibgeschützt</source>
        <translation>the disk is write-protected</translation>
    </message>
    <message>
        <source>Fehler beim Schreiben auf den Datenträger</source>
        <translation>an error writing to the disk</translation>
    </message>
    <message>
        <source>Fehler %1</source>
        <translation>error %1</translation>
    </message>
    <message>
        <source>Die Datei %1 kann nicht gespeichert werden: %2.</source>
        <translation>The file %1 cannot be saved: %2.</translation>
    </message>
    <message>
        <source>der Ordner fehlt</source>
        <translation>the folder does not exist</translation>
    </message>
    <message>
        <source>ein Teil des Pfads ist eine Datei, kein Ordner</source>
        <translation>part of the path is a file, not a folder</translation>
    </message>
    <message>
        <source>an dieser Stelle steht ein Ordner</source>
        <translation>there is a folder in its place</translation>
    </message>
    <message>
        <source>der Name ist zu lang</source>
        <translation>the name is too long</translation>
    </message>
    <message>
        <source>Die Datei %1 kann nicht gespeichert werden: an dieser Stelle steht keine gewöhnliche Datei.</source>
        <translation>The file %1 cannot be saved: what is in its place is not an ordinary file.</translation>
    </message>
    <message>
        <source>Einen anderen Dateinamen wählen.</source>
        <translation>Choose another file name.</translation>
    </message>
</context>
<context>
    <name>catalog_source</name>
    <message>
        <source>Es ist kein vertrauenswürdiger Startpunkt für die Update-Daten eingerichtet.</source>
        <translation>No trusted starting point for the update data is set up.</translation>
    </message>
    <message>
        <source>tiservice neu installieren oder [update_server] trusted_root in den Einstellungen setzen.</source>
        <translation>Reinstall tiservice or set [update_server] trusted_root in the settings.</translation>
    </message>
    <message>
        <source>Es ist kein Update-Server eingerichtet.</source>
        <translation>No update server is set up.</translation>
    </message>
    <message>
        <source>[update_server] metadata_url und targets_url setzen.</source>
        <translation>Set [update_server] metadata_url and targets_url.</translation>
    </message>
    <message>
        <source>Der Katalog wurde diesmal nicht aktualisiert: tiservice arbeitet auf diesem PC gerade an einem Update.</source>
        <translation>The catalog was not refreshed this time: tiservice is working on an update on this PC right now.</translation>
    </message>
    <message>
        <source>Nach dem Update noch einmal prüfen.</source>
        <translation>Check again after the update.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Aufruf: tiservice [Optionen] &lt;Befehl&gt; [Befehlsoptionen]</source>
        <translation>Usage: tiservice [options] &lt;command&gt; [command options]</translation>
    </message>
    <message>
        <source>hält Konnektor und Kartenterminals der Praxis auf einem von der gematik zugelassenen Stand.</source>
        <translation>keeps the practice&apos;s connector and card terminals on firmware approved by gematik.</translation>
    </message>
    <message>
        <source>(Commit %1)</source>
        <translation>(commit %1)</translation>
    </message>
    <message>
        <source>Bibliotheken: %1</source>
        <translation>Libraries: %1</translation>
    </message>
    <message>
        <source>Befehle:</source>
        <translation>Commands:</translation>
    </message>
    <message>
        <source>Optionen:</source>
        <translation>Options:</translation>
    </message>
    <message>
        <source>diese Hilfe zeigen</source>
        <translation>show this help</translation>
    </message>
    <message>
        <source>Version und Bibliotheken zeigen</source>
        <translation>show the version and libraries</translation>
    </message>
    <message>
        <source>Sprache der Ausgaben (Standard: aus LANG, sonst Deutsch)</source>
        <translation>language of all output (default: from LANG, else German)</translation>
    </message>
    <message>
        <source>erledigt; alles aktuell</source>
        <translation>done; everything current</translation>
    </message>
    <message>
        <source>Handlungsbedarf: ein Update steht an</source>
        <translation>action needed: an update is due</translation>
    </message>
    <message>
        <source>Zulassung abgelaufen oder TI-Zugang gesperrt</source>
        <translation>approval expired or TI access blocked</translation>
    </message>
    <message>
        <source>konnte nicht ausgeführt werden (Fehlermeldung auf stderr)</source>
        <translation>could not be done (the reason is on stderr)</translation>
    </message>
    <message>
        <source>Dateien:</source>
        <translation>Files:</translation>
    </message>
    <message>
        <source>Verbindungseinstellungen</source>
        <translation>connection settings</translation>
    </message>
    <message>
        <source>Protokoll, Update-Archiv, Vertrauensdaten</source>
        <translation>log, update archive, trust data</translation>
    </message>
    <message>
        <source>Unbekannte Sprache &quot;%1&quot;. Erlaubt sind de und en.</source>
        <translation>Unknown language &quot;%1&quot;. Allowed are de and en.</translation>
    </message>
    <message>
        <source>Unbekannte Option &quot;%1&quot;. Hilfe: tiservice --help</source>
        <translation>Unknown option &quot;%1&quot;. Help: tiservice --help</translation>
    </message>
    <message>
        <source>Unbekannter Befehl &quot;%1&quot;. Hilfe: tiservice --help</source>
        <translation>Unknown command &quot;%1&quot;. Help: tiservice --help</translation>
    </message>
    <message>
        <source>tiservice: interner Fehler: %1</source>
        <translation>tiservice: internal error: %1</translation>
    </message>
    <message>
        <source>Support:</source>
        <translation>Support:</translation>
    </message>
    <message>
        <source>Rückgabewerte von status (die der anderen Befehle nennt ihre Hilfe):</source>
        <translation>Exit codes of status (each other command names its own in its help):</translation>
    </message>
    <message>
        <source>Eigenständige Installation in %1, Version %2</source>
        <translation>Standalone installation in %1, version %2</translation>
    </message>
    <message>
        <source>Die neue Version ließ sich nicht starten; weiter mit dieser.</source>
        <translation>The new version could not be started; continuing with this one.</translation>
    </message>
    <message>
        <source>Nach --lang fehlt die Sprache: de oder en.</source>
        <translation>--lang needs a language: de or en.</translation>
    </message>
</context>
<context>
    <name>command_line</name>
    <message>
        <source>Wert fehlt für %1</source>
        <translation>missing value for %1</translation>
    </message>
    <message>
        <source>%1 erwartet eine ganze Zahl, nicht &quot;%2&quot;</source>
        <translation>%1 expects a whole number, not &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 erwartet eine Zahl, nicht &quot;%2&quot;</source>
        <translation>%1 expects a number, not &quot;%2&quot;</translation>
    </message>
    <message>
        <source>Unbekannte Option: %1</source>
        <translation>Unknown option: %1</translation>
    </message>
</context>
<context>
    <name>connector_reader</name>
    <message>
        <source>Der Konnektor</source>
        <translation>The connector</translation>
    </message>
    <message>
        <source>%1 fehlt.</source>
        <translation>%1 is missing.</translation>
    </message>
    <message>
        <source>In den Einstellungen eine Passwort-Datei angeben oder tiservice im Terminal starten, um es einzugeben.</source>
        <translation>Name a password file in the settings, or run tiservice in a terminal to type it in.</translation>
    </message>
    <message>
        <source>Das Passwort für den Konnektor (Basic Auth)</source>
        <translation>The connector password (Basic Auth)</translation>
    </message>
    <message>
        <source>Das Passwort des Client-Zertifikats (.p12)</source>
        <translation>The client certificate (.p12) password</translation>
    </message>
    <message>
        <source>Die Firmware des Konnektors ist womöglich sehr alt: den Support anrufen.</source>
        <translation>The connector&apos;s firmware may be very old: call support.</translation>
    </message>
    <message>
        <source>Der Konnektor nennt in seiner Dienstbeschreibung keinen Systeminformationsdienst (EventService).</source>
        <translation>The connector names no system information service (EventService) in its service directory.</translation>
    </message>
    <message>
        <source>Der Konnektor bietet den Systeminformationsdienst (EventService) nur in Version %1 an; tiservice spricht Version 7.2.</source>
        <translation>The connector offers the system information service (EventService) only in version %1; tiservice speaks version 7.2.</translation>
    </message>
    <message>
        <source>Der Konnektor verlangt ein Client-Zertifikat (ClientAutMandatory); eingestellt ist keines.</source>
        <translation>The connector requires a client certificate (ClientAutMandatory); none is set.</translation>
    </message>
    <message>
        <source>Das im Konnektor exportierte Client-Zertifikat (.p12) eintragen: [tls] mode = client-certificate und client_certificate = Pfad der Datei.</source>
        <translation>Enter the client certificate (.p12) exported from the connector: [tls] mode = client-certificate and client_certificate = path of the file.</translation>
    </message>
</context>
<context>
    <name>connector_setup</name>
    <message>
        <source>Ohne diese Angabe kann tiservice den Konnektor nicht fragen.</source>
        <translation>Without it tiservice cannot ask the connector.</translation>
    </message>
    <message>
        <source>Adresse des Konnektors</source>
        <translation>Address of the connector</translation>
    </message>
    <message>
        <source>Mandant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Clientsystem</source>
        <translation>Client system</translation>
    </message>
    <message>
        <source>Arbeitsplatz</source>
        <translation>Workplace</translation>
    </message>
    <message>
        <source>Bitte „%1“ ausfüllen.</source>
        <translation>Please fill in “%1”.</translation>
    </message>
    <message>
        <source>Ohne die Datei mit dem Passwort des Client-Zertifikats lässt sich die Verbindung hier nicht prüfen: das Passwort wird erst beim Start gefragt.</source>
        <translation>Without the file with the client certificate&apos;s password the connection cannot be tested here: the password is only asked at the start.</translation>
    </message>
    <message>
        <source>Zum Prüfen die Datei angeben, oder speichern und „Jetzt prüfen“ wählen.</source>
        <translation>Give the file to test it, or save and choose “Check now”.</translation>
    </message>
    <message>
        <source>CA-Zertifikat des Konnektors</source>
        <translation>CA certificate of the connector</translation>
    </message>
    <message>
        <source>Client-Zertifikat dieses PCs</source>
        <translation>Client certificate of this PC</translation>
    </message>
    <message>
        <source>Datei mit dem Passwort des Client-Zertifikats</source>
        <translation>File with the client certificate&apos;s password</translation>
    </message>
    <message>
        <source>Sprechzeiten</source>
        <translation>Practice hours</translation>
    </message>
    <message>
        <source>Wer hat den Konnektor installiert?</source>
        <translation>Who installed the connector?</translation>
    </message>
    <message>
        <source>Bitte „%1“ im Formular korrigieren.</source>
        <translation>Please correct “%1” in the form.</translation>
    </message>
    <message>
        <source>Die Einstellungen (%1, %2) sind ungültig: Zeilenumbrüche und Steuerzeichen sind nicht erlaubt</source>
        <translation>The settings (%1, %2) are invalid: line breaks and control characters are not allowed</translation>
    </message>
    <message>
        <source>Die Angabe in einer Zeile ohne Steuerzeichen machen.</source>
        <translation>Give it on one line without control characters.</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>TI-Komponenten</source>
        <translation>TI components</translation>
    </message>
    <message>
        <source>Jetzt aktualisieren</source>
        <translation>Update now</translation>
    </message>
    <message>
        <source>Es sind noch keine TI-Einstellungen hinterlegt.</source>
        <translation>No TI settings have been entered yet.</translation>
    </message>
    <message>
        <source>Die Verbindung zum Konnektor in den Einstellungen eintragen.</source>
        <translation>Enter the connection to the connector in the settings.</translation>
    </message>
    <message>
        <source>Später</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Konnektor und Kartenterminals sind auf einem zugelassenen, aktuellen Stand.</source>
        <translation>The connector and card terminals run approved, current versions.</translation>
    </message>
    <message>
        <source>%1: Prüfung nicht möglich</source>
        <translation>%1: could not check</translation>
    </message>
    <message>
        <source>TI-Einstellungen unvollständig</source>
        <translation>TI settings incomplete</translation>
    </message>
    <message>
        <source>Das Update-Archiv ist leer.</source>
        <translation>The update archive is empty.</translation>
    </message>
    <message>
        <source>Update-Archiv</source>
        <translation>Update archive</translation>
    </message>
    <message>
        <source>Die Liste der Installationen dieses Konnektors kann tiservice nicht lesen.</source>
        <translation>tiservice cannot read this connector&apos;s list of installations.</translation>
    </message>
    <message>
        <source>Sie steht in der Verwaltungsoberfläche des Konnektors.</source>
        <translation>It is shown in the connector&apos;s admin interface.</translation>
    </message>
    <message>
        <source>Die Liste des Konnektors war nicht zu lesen; gezeigt wird, was dieser Arbeitsplatz selbst eingetragen hat.</source>
        <translation>The connector&apos;s list could not be read; shown is what this workstation recorded itself.</translation>
    </message>
    <message>
        <source>Neue Version von tiservice</source>
        <translation>New version of tiservice</translation>
    </message>
    <message>
        <source>Support anrufen</source>
        <translation>Call support</translation>
    </message>
    <message>
        <source>Heute Abend um %1 einplanen</source>
        <translation>Plan for this evening at %1</translation>
    </message>
    <message>
        <source>Morgen Abend um %1 einplanen</source>
        <translation>Plan for tomorrow evening at %1</translation>
    </message>
    <message>
        <source>Für %1 einplanen</source>
        <translation>Plan for %1</translation>
    </message>
</context>
<context>
    <name>event_service</name>
    <message>
        <source>Die Antwort des Konnektors ist unvollständig oder beschädigt: %1</source>
        <translation>The connector&apos;s answer is incomplete or damaged: %1</translation>
    </message>
    <message>
        <source>Später noch einmal prüfen; bleibt der Fehler, den Support anrufen.</source>
        <translation>Check again later; if it persists, call support.</translation>
    </message>
    <message>
        <source>Später noch einmal versuchen; bleibt der Fehler, den Support anrufen.</source>
        <translation>Try again later; if it persists, call support.</translation>
    </message>
    <message>
        <source>Die Mandanten-ID in den TI-Einstellungen prüfen: sie muss genau so im Konnektor eingetragen sein.</source>
        <translation>Check the Mandant ID in the TI settings: it must be entered exactly so in the connector.</translation>
    </message>
    <message>
        <source>Die Clientsystem-ID in den TI-Einstellungen prüfen: sie muss im Konnektor dem Mandanten zugeordnet sein.</source>
        <translation>Check the client system ID in the TI settings: the connector must assign it to the Mandant.</translation>
    </message>
    <message>
        <source>Die Arbeitsplatz-ID in den TI-Einstellungen prüfen: sie muss im Konnektor dem Mandanten zugeordnet sein.</source>
        <translation>Check the workplace ID in the TI settings: the connector must assign it to the Mandant.</translation>
    </message>
    <message>
        <source>Der Konnektor lehnt die Anfrage ab: %1</source>
        <translation>The connector refuses the request: %1</translation>
    </message>
    <message>
        <source>Der Konnektor lehnt die Anfrage ab: %1 (Fehler %2).</source>
        <translation>The connector refuses the request: %1 (error %2).</translation>
    </message>
    <message>
        <source>kein gültiges XML (%1)</source>
        <translation>not valid XML (%1)</translation>
    </message>
    <message>
        <source>kein SOAP-Envelope</source>
        <translation>not a SOAP envelope</translation>
    </message>
    <message>
        <source>SOAP-Body leer</source>
        <translation>SOAP body empty</translation>
    </message>
    <message>
        <source>erwartet %1, erhalten %2</source>
        <translation>expected %1, got %2</translation>
    </message>
    <message>
        <source>Status fehlt</source>
        <translation>Status is missing</translation>
    </message>
    <message>
        <source>CardTerminals fehlt</source>
        <translation>CardTerminals is missing</translation>
    </message>
    <message>
        <source>CtId fehlt</source>
        <translation>CtId is missing</translation>
    </message>
    <message>
        <source>Connector fehlt</source>
        <translation>Connector is missing</translation>
    </message>
    <message>
        <source>kein XML, sondern &quot;%1&quot; (HTTP %2)</source>
        <translation>not XML but &quot;%1&quot; (HTTP %2)</translation>
    </message>
</context>
<context>
    <name>firmware_version</name>
    <message>
        <source>Die Versionsangabe &quot;%1&quot; ist ungültig: %2</source>
        <translation>The version &quot;%1&quot; is not valid: %2</translation>
    </message>
    <message>
        <source>Erwartet wird die Form 1.2.3 (je Teil bis zu drei Ziffern).</source>
        <translation>Expected is the form 1.2.3 (up to three digits per part).</translation>
    </message>
    <message>
        <source>sie ist leer.</source>
        <translation>it is empty.</translation>
    </message>
    <message>
        <source>sie hat mehr als drei Teile.</source>
        <translation>it has more than three parts.</translation>
    </message>
    <message>
        <source>sie hat weniger als drei Teile.</source>
        <translation>it has fewer than three parts.</translation>
    </message>
    <message>
        <source>ein Teil ist leer.</source>
        <translation>a part is empty.</translation>
    </message>
    <message>
        <source>sie enthält andere Zeichen als Ziffern und Punkte.</source>
        <translation>it contains characters other than digits and dots.</translation>
    </message>
    <message>
        <source>ein Teil hat mehr als drei Ziffern.</source>
        <translation>a part has more than three digits.</translation>
    </message>
    <message>
        <source>die Build-Nummer nach &quot;-&quot; ist keine Zahl.</source>
        <translation>the build number after &quot;-&quot; is not a number.</translation>
    </message>
    <message>
        <source>die Build-Nummer ist größer als 255.</source>
        <translation>the build number is larger than 255.</translation>
    </message>
</context>
<context>
    <name>fleet</name>
    <message>
        <source>Der Konnektor hat nicht innerhalb von %1 Sekunden geantwortet.</source>
        <translation>The connector did not answer within %1 seconds.</translation>
    </message>
    <message>
        <source>Später noch einmal prüfen; bleibt es so, die Praxis anrufen.</source>
        <translation>Check again later; if it stays so, call the practice.</translation>
    </message>
    <message>
        <source>Die Praxisliste %1 ist ungültig: %2</source>
        <translation>The practice list %1 is not valid: %2</translation>
    </message>
    <message>
        <source>Die Liste korrigieren: je Praxis ein Abschnitt [Name] mit Zeilen wie connector.sds_url = https://…</source>
        <translation>Correct the list: one section [Name] per practice with lines like connector.sds_url = https://…</translation>
    </message>
    <message>
        <source>Die Einstellung „%1“ in der Praxisliste %2 korrigieren.</source>
        <translation>Correct the setting “%1” in the practice list %2.</translation>
    </message>
    <message>
        <source>Die Praxisliste %1 fehlt oder ist nicht lesbar.</source>
        <translation>The practice list %1 is missing or cannot be read.</translation>
    </message>
    <message>
        <source>Pfad und Rechte der Datei prüfen.</source>
        <translation>Check the file&apos;s path and permissions.</translation>
    </message>
    <message>
        <source>„%1“ – erwartet wird Abschnitt.Name, zum Beispiel connector.sds_url</source>
        <translation>“%1” – expected is section.name, for example connector.sds_url</translation>
    </message>
    <message>
        <source>die Praxis [%1] steht zweimal darin</source>
        <translation>the practice [%1] is in it twice</translation>
    </message>
    <message>
        <source>sie nennt keine Praxis (ein Abschnitt [Name] je Praxis)</source>
        <translation>it names no practice (one section [Name] per practice)</translation>
    </message>
    <message>
        <source>„%1“ steht zweimal darin</source>
        <translation>“%1” is in it twice</translation>
    </message>
</context>
<context>
    <name>fleet_command</name>
    <message>
        <source>nicht prüfbar</source>
        <translation>not checkable</translation>
    </message>
    <message>
        <source>Der Ordner %1 ist nicht lesbar.</source>
        <translation>The folder %1 cannot be read.</translation>
    </message>
    <message>
        <source>--parallel erwartet 1 bis 256</source>
        <translation>--parallel expects 1 to 256</translation>
    </message>
    <message>
        <source>--timeout erwartet 1 bis 600 Sekunden</source>
        <translation>--timeout expects 1 to 600 seconds</translation>
    </message>
    <message>
        <source>%1 Praxen geprüft in %2 s: %3 abgelaufen oder gesperrt, %4 mit Handlungsbedarf, %5 nicht prüfbar, %6 aktuell.</source>
        <translation>%1 practices checked in %2 s: %3 expired or blocked, %4 needing action, %5 not checkable, %6 current.</translation>
    </message>
    <message>
        <source>Praxis</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>Konnektor</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>What</translation>
    </message>
    <message>
        <source>tiservice fleet [--dir ORDNER] [--practices LISTE] [DATEI …] [--parallel N] [--timeout SEKUNDEN] [--json]

  Für Dienstleister: prüft die Konnektoren vieler Praxen in einem Lauf – je Praxis eine
  Einstellungsdatei (wie tiservice.ini) oder ein Abschnitt einer Praxisliste – und listet das
  Dringendste zuerst, mit den Fristen. Ein toter oder langsamer Konnektor hält die anderen
  nicht auf.

  --dir ORDNER          jede .ini-Datei in ORDNER ist eine Praxis (ihr Name: der Dateiname)
  --practices LISTE     eine Datei für alle: je Praxis ein Abschnitt [Name] mit Zeilen wie
                        connector.sds_url = https://…; was vor der ersten Praxis steht, gilt
                        für alle (etwa update_server.metadata_url, tls.ca_file)
  DATEI …               einzelne Einstellungsdateien
  --parallel N          so viele Konnektoren zugleich (Standard 32, höchstens 256)
  --timeout SEKUNDEN    so lange darf ein Konnektor brauchen (Standard 10)
  --json                Ausgabe für Programme

  Passwörter stehen nur in Dateien, die die Einstellungen nennen; gefragt wird nichts.
  Rückgabewerte: 0 alle aktuell, 1 Handlungsbedarf, 2 abgelaufen oder gesperrt,
  3 mindestens eine Praxis nicht prüfbar (ohne abgelaufene oder gesperrte)
</source>
        <translation>tiservice fleet [--dir FOLDER] [--practices LIST] [FILE …] [--parallel N] [--timeout SECONDS] [--json]

  For service providers: checks the connectors of many practices in one run – a settings
  file per practice (like tiservice.ini) or a section of a practice list – and lists the most
  urgent first, with the deadlines. A dead or slow connector does not hold up the others.

  --dir FOLDER          every .ini file in FOLDER is one practice (its name: the file name)
  --practices LIST      one file for all: a section [Name] per practice with lines like
                        connector.sds_url = https://…; what stands before the first practice
                        holds for all of them (such as update_server.metadata_url, tls.ca_file)
  FILE …                single settings files
  --parallel N          this many connectors at the same time (default 32, at most 256)
  --timeout SECONDS     how long one connector may take (default 10)
  --json                output for programs

  Passwords are only in files the settings name; nothing is asked.
  Exit codes: 0 all current, 1 action needed, 2 expired or blocked,
  3 at least one practice could not be checked (and none expired or blocked)
</translation>
    </message>
    <message>
        <source>Keine Praxis angegeben: --dir ORDNER, --practices LISTE oder Einstellungsdateien nennen.</source>
        <translation>No practice given: name --dir FOLDER, --practices LIST or settings files.</translation>
    </message>
</context>
<context>
    <name>http_client</name>
    <message>
        <source>Der Konnektor</source>
        <translation>The connector</translation>
    </message>
    <message>
        <source>Die Adresse &quot;%1&quot; ist ungültig (%2).</source>
        <translation>The address &quot;%1&quot; is not valid (%2).</translation>
    </message>
    <message>
        <source>Die Adresse in den Einstellungen prüfen, z. B. https://192.168.1.10/connector.sds.</source>
        <translation>Check the address in the settings, e.g. https://192.168.1.10/connector.sds.</translation>
    </message>
    <message>
        <source>http:// oder https:// fehlt</source>
        <translation>http:// or https:// is missing</translation>
    </message>
    <message>
        <source>unbekanntes Schema %1</source>
        <translation>unknown scheme %1</translation>
    </message>
    <message>
        <source>Benutzerangaben gehören nicht in die Adresse</source>
        <translation>user details do not belong in the address</translation>
    </message>
    <message>
        <source>&quot;]&quot; fehlt</source>
        <translation>&quot;]&quot; is missing</translation>
    </message>
    <message>
        <source>ungültiger Port</source>
        <translation>invalid port</translation>
    </message>
    <message>
        <source>der Rechnername fehlt</source>
        <translation>the host name is missing</translation>
    </message>
    <message>
        <source>Die Datei kann nicht gespeichert werden (Speicher voll?).</source>
        <translation>The file cannot be saved (disk full?).</translation>
    </message>
    <message>
        <source>Freien Speicherplatz prüfen.</source>
        <translation>Check the free disk space.</translation>
    </message>
    <message>
        <source>Die Datei kann nicht gespeichert werden: %1.</source>
        <translation>The file cannot be saved: %1.</translation>
    </message>
    <message>
        <source>Den Datenträger prüfen lassen und die Datei dann erneut laden.</source>
        <translation>Have the disk checked, then download the file again.</translation>
    </message>
    <message>
        <source>%1 (%2) lehnt die Anmeldedaten ab (HTTP %3).</source>
        <translation>%1 (%2) refuses the credentials (HTTP %3).</translation>
    </message>
    <message>
        <source>Benutzername und Passwort in den Einstellungen prüfen.</source>
        <translation>Check the user name and password in the settings.</translation>
    </message>
    <message>
        <source>%1 (%2) antwortet mit einem Fehler (HTTP %3).</source>
        <translation>%1 (%2) answers with an error (HTTP %3).</translation>
    </message>
    <message>
        <source>Später noch einmal versuchen; bleibt der Fehler, den Support anrufen.</source>
        <translation>Try again later; if it persists, call support.</translation>
    </message>
    <message>
        <source>kann nicht geprüft werden: die CA-Datei %1 ist nicht lesbar.</source>
        <translation>cannot be verified: the CA file %1 cannot be read.</translation>
    </message>
    <message>
        <source>Die CA-Datei (PEM) in den Einstellungen prüfen.</source>
        <translation>Check the CA file (PEM) in the settings.</translation>
    </message>
    <message>
        <source>kann nicht angesprochen werden: das Client-Zertifikat %1 ist nicht lesbar oder das Passwort passt nicht.</source>
        <translation>cannot be contacted: the client certificate %1 cannot be read or its password is wrong.</translation>
    </message>
    <message>
        <source>Datei und Passwort des Client-Zertifikats (.p12) prüfen; es wird im Konnektor exportiert.</source>
        <translation>Check the client certificate file (.p12) and its password; it is exported from the connector.</translation>
    </message>
    <message>
        <source>weist ein Zertifikat vor, das nicht auf &quot;%1&quot; ausgestellt ist.</source>
        <translation>presents a certificate that is not issued for &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Die Adresse so eintragen, wie sie im Zertifikat des Konnektors steht (z. B. konnektor.konlan), oder den Support fragen.</source>
        <translation>Enter the address as the connector&apos;s certificate names it (e.g. konnektor.konlan), or ask support.</translation>
    </message>
    <message>
        <source>weist ein Zertifikat vor, dem nicht vertraut wird.</source>
        <translation>presents a certificate that is not trusted.</translation>
    </message>
    <message>
        <source>Die CA-Datei des Konnektors in den Einstellungen eintragen.</source>
        <translation>Set the connector&apos;s CA file in the settings.</translation>
    </message>
    <message>
        <source>verlangt ein Client-Zertifikat, das er kennt.</source>
        <translation>requires a client certificate it knows.</translation>
    </message>
    <message>
        <source>Das im Konnektor exportierte Client-Zertifikat (.p12) mit Passwort in den Einstellungen eintragen.</source>
        <translation>Set the client certificate (.p12) exported from the connector, with its password, in the settings.</translation>
    </message>
    <message>
        <source>lässt keine sichere Verbindung (TLS) zu.</source>
        <translation>does not allow a secure (TLS) connection.</translation>
    </message>
    <message>
        <source>Prüfen, ob in den Einstellungen die richtige TLS-Art gewählt ist.</source>
        <translation>Check that the right TLS mode is chosen in the settings.</translation>
    </message>
    <message>
        <source>ist nicht erreichbar.</source>
        <translation>cannot be reached.</translation>
    </message>
    <message>
        <source>Prüfen, ob das Gerät eingeschaltet und mit dem Praxisnetz verbunden ist und die Adresse stimmt.</source>
        <translation>Check that the device is switched on, connected to the practice network, and the address is right.</translation>
    </message>
    <message>
        <source>antwortet nicht rechtzeitig.</source>
        <translation>does not answer in time.</translation>
    </message>
    <message>
        <source>Später noch einmal versuchen; das Gerät startet vielleicht gerade neu.</source>
        <translation>Try again later; the device may be restarting.</translation>
    </message>
    <message>
        <source>hat die Verbindung unterbrochen.</source>
        <translation>dropped the connection.</translation>
    </message>
    <message>
        <source>Noch einmal versuchen.</source>
        <translation>Try again.</translation>
    </message>
    <message>
        <source>schickt eine unverständliche Antwort.</source>
        <translation>sends an answer that cannot be understood.</translation>
    </message>
    <message>
        <source>schickt eine zu große Antwort.</source>
        <translation>sends an answer that is too large.</translation>
    </message>
    <message>
        <source>Den Support anrufen.</source>
        <translation>Call support.</translation>
    </message>
    <message>
        <source>schickt eine größere Datei als erwartet.</source>
        <translation>sends a larger file than expected.</translation>
    </message>
    <message>
        <source>schickt mehr Daten als erwartet.</source>
        <translation>sends more data than expected.</translation>
    </message>
    <message>
        <source>Die Datei %1 kann nicht angelegt werden.</source>
        <translation>The file %1 cannot be created.</translation>
    </message>
    <message>
        <source>Schreibrechte und freien Speicherplatz prüfen.</source>
        <translation>Check write permissions and free disk space.</translation>
    </message>
    <message>
        <source>kennt dieses Client-Zertifikat nicht (es ist nicht von diesem Konnektor ausgestellt, abgelaufen oder gesperrt).</source>
        <translation>does not know this client certificate (it was not issued by this connector, has expired or was revoked).</translation>
    </message>
    <message>
        <source>Im Konnektor ein Client-Zertifikat für dieses Clientsystem exportieren und die .p12-Datei in den Einstellungen eintragen.</source>
        <translation>Export a client certificate for this client system in the connector and enter the .p12 file in the settings.</translation>
    </message>
    <message>
        <source>Abgebrochen: tiservice wird beendet.</source>
        <translation>Stopped: tiservice is closing.</translation>
    </message>
</context>
<context>
    <name>journal</name>
    <message>
        <source>Das Update-Journal %1 ist beschädigt.</source>
        <translation>The update journal %1 is damaged.</translation>
    </message>
    <message>
        <source>geplant</source>
        <translation>planned</translation>
    </message>
    <message>
        <source>gestartet</source>
        <translation>started</translation>
    </message>
    <message>
        <source>beendet</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>abgebrochen</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Passwort geändert</source>
        <translation>password changed</translation>
    </message>
    <message>
        <source>erfolgreich</source>
        <translation>succeeded</translation>
    </message>
    <message>
        <source>fehlgeschlagen</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>defekt</source>
        <translation>broken</translation>
    </message>
    <message>
        <source>der Konnektor meldet danach nicht die neue Version</source>
        <translation>the connector did not report the new version afterwards</translation>
    </message>
    <message>
        <source>vor dem Start beendet</source>
        <translation>stopped before it began</translation>
    </message>
    <message>
        <source>Stromausfall oder Defekt während der Installation</source>
        <translation>power loss or defect during the installation</translation>
    </message>
    <message>
        <source>der Konnektor nennt keinen Grund</source>
        <translation>the connector gives no reason</translation>
    </message>
    <message>
        <source>der Konnektor kennt die Installation nicht</source>
        <translation>the connector does not know the installation</translation>
    </message>
    <message>
        <source>der Konnektor meldete sich nicht zurück</source>
        <translation>the connector did not come back</translation>
    </message>
    <message>
        <source>der Konnektor meldet „%1“</source>
        <translation>the connector reports &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Auto-Update des Konnektors</source>
        <translation>the connector&apos;s auto-update</translation>
    </message>
    <message>
        <source>am Konnektor selbst</source>
        <translation>at the connector itself</translation>
    </message>
    <message>
        <source>Den Konnektor noch einmal prüfen; das Journal wird dann neu angelegt.</source>
        <translation>Check the connector again; the journal is then created anew.</translation>
    </message>
    <message>
        <source>das Gerät meldete sich nicht zurück</source>
        <translation>the device did not come back</translation>
    </message>
    <message>
        <source>das Gerät meldet danach nicht die neue Version</source>
        <translation>the device does not report the new version afterwards</translation>
    </message>
    <message>
        <source>die Übertragung zum Gerät brach ab</source>
        <translation>the transfer to the device was cut off</translation>
    </message>
    <message>
        <source>die Übertragung zum Gerät ist nicht gelungen</source>
        <translation>the transfer to the device did not succeed</translation>
    </message>
    <message>
        <source>der Akku des Geräts war zu schwach</source>
        <translation>the device&apos;s battery was too weak</translation>
    </message>
    <message>
        <source>das Gerät lehnte die Firmware ab: nicht für dieses Gerät</source>
        <translation>the device refused the firmware: not for this device</translation>
    </message>
    <message>
        <source>das Gerät lehnte die Firmware ab</source>
        <translation>the device refused the firmware</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>Schlüssel-Fehler: %1</source>
        <translation>Key error: %1</translation>
    </message>
    <message>
        <source>Schlüsseldatei prüfen.</source>
        <translation>Check the key file.</translation>
    </message>
</context>
<context>
    <name>kocobox_driver</name>
    <message>
        <source>Die Verwaltung des Konnektors antwortet unverständlich (%1).</source>
        <translation>The connector&apos;s management answers in a way that cannot be understood (%1).</translation>
    </message>
    <message>
        <source>Später noch einmal versuchen; bleibt der Fehler, den Support anrufen.</source>
        <translation>Try again later; if it persists, call support.</translation>
    </message>
    <message>
        <source>Die Anmeldung am Konnektor ist abgelaufen (z. B. nach einem Neustart).</source>
        <translation>The sign-in at the connector has ended (e.g. after a restart).</translation>
    </message>
    <message>
        <source>Erneut anmelden.</source>
        <translation>Sign in again.</translation>
    </message>
    <message>
        <source>Das Passwort des Konnektors ist abgelaufen.</source>
        <translation>The connector&apos;s password has expired.</translation>
    </message>
    <message>
        <source>Zuerst das Passwort ändern.</source>
        <translation>Change the password first.</translation>
    </message>
    <message>
        <source>Später noch einmal versuchen.</source>
        <translation>Try again later.</translation>
    </message>
    <message>
        <source>Die Verwaltung des Konnektors</source>
        <translation>The connector&apos;s management</translation>
    </message>
    <message>
        <source>&lt;Konnektor&gt;</source>
        <translation>&lt;connector&gt;</translation>
    </message>
    <message>
        <source>Für %1 kann tiservice das Update nicht selbst starten. Bitte das Update in der Verwaltungsoberfläche des Konnektors starten: %2</source>
        <translation>tiservice cannot start the update for %1 itself. Please start the update in the connector&apos;s own admin interface: %2</translation>
    </message>
    <message>
        <source>Dieser Konnektor kann ein geplantes Update nicht verschieben.</source>
        <translation>This connector cannot move a planned update.</translation>
    </message>
    <message>
        <source>Das geplante Update absagen und neu planen.</source>
        <translation>Cancel the planned update and plan it again.</translation>
    </message>
</context>
<context>
    <name>konnektor-sim</name>
    <message>
        <source>Die Szenario-Datei ist ungültig: %1</source>
        <translation>The scenario file is not valid: %1</translation>
    </message>
    <message>
        <source>Die Datei nach docs/konnektor-sim.md korrigieren.</source>
        <translation>Correct the file as docs/konnektor-sim.md describes.</translation>
    </message>
    <message>
        <source>Die Szenario-Datei %1 kann nicht gelesen werden.</source>
        <translation>The scenario file %1 cannot be read.</translation>
    </message>
    <message>
        <source>Pfad prüfen.</source>
        <translation>Check the path.</translation>
    </message>
    <message>
        <source>Datei nicht lesbar: %1</source>
        <translation>cannot read the file: %1</translation>
    </message>
    <message>
        <source>%1: Port außerhalb 0..65535: %2</source>
        <translation>%1: port out of range 0..65535: %2</translation>
    </message>
    <message>
        <source>Nur Loopback-Adressen sind erlaubt: %1</source>
        <translation>only loopback addresses are allowed: %1</translation>
    </message>
    <message>
        <source>--tls muss off, server oder client sein</source>
        <translation>--tls must be off, server or client</translation>
    </message>
    <message>
        <source>--updates-tls braucht TLS (nicht --tls off)</source>
        <translation>--updates-tls needs TLS (not --tls off)</translation>
    </message>
    <message>
        <source>--tls-max muss 1.2 oder 1.3 sein</source>
        <translation>--tls-max must be 1.2 or 1.3</translation>
    </message>
    <message>
        <source>--basic-auth-user braucht --basic-auth-password-file</source>
        <translation>--basic-auth-user needs --basic-auth-password-file</translation>
    </message>
    <message>
        <source>--client-p12 braucht TLS</source>
        <translation>--client-p12 needs TLS</translation>
    </message>
    <message>
        <source>konnektor-sim bereit: %1</source>
        <translation>konnektor-sim ready: %1</translation>
    </message>
    <message>
        <source>konnektor-sim beendet</source>
        <translation>konnektor-sim stopped</translation>
    </message>
    <message>
        <source>Start fehlgeschlagen: %1</source>
        <translation>failed to start: %1</translation>
    </message>
    <message>
        <source>Unbekannter Konnektor-Hersteller &quot;%1&quot;; bekannt sind kocobox, rise und secunet.</source>
        <translation>Unknown connector vendor &quot;%1&quot;; known are kocobox, rise and secunet.</translation>
    </message>
    <message>
        <source>--fault-malformed erwartet broken-xml, truncated, wrong-content-type oder attribute-bomb</source>
        <translation>--fault-malformed expects broken-xml, truncated, wrong-content-type or attribute-bomb</translation>
    </message>
    <message>
        <source>--count muss zwischen 1 und 1000 liegen</source>
        <translation>--count must be between 1 and 1000</translation>
    </message>
    <message>
        <source>konnektor-sim: Port %1 von Konnektor %2 ist nach dem Neustart belegt; neuer Versuch alle 20 ms</source>
        <translation>konnektor-sim: port %1 of connector %2 is taken after the restart; trying again every 20 ms</translation>
    </message>
    <message>
        <source>konnektor-sim – eine simulierte Praxis: Konnektor (KoCoBox MED+), Kartenterminals, KSR
und Update-Server des Herstellers, als echte Server auf dieser Maschine (nur Loopback).

Aufruf: konnektor-sim [Optionen]

Praxis:
  --scenario DATEI           Szenario (JSON, docs/konnektor-sim.md); ohne: alles aktuell
  --count N                  N Konnektoren (1 bis 1000) mit eigenen Ports (fortlaufend)
  --time-scale N             Zeit läuft N-mal schneller, bis 100000 (20 min Update bei 600: 2 s)

Netz (nur Loopback):
  --listen ADRESSE           Adresse, Standard 127.0.0.1 (oder ::1)
  --port N                   TLS-Dienst-Port des 1. Konnektors (connector.sds, EventService), Standard 8443
  --plain-port N             Port ohne TLS (connector.sds; EventService nur, solange TLS nicht Pflicht ist),
                             Standard 8480
  --management-port N        Management-Port des 1. Konnektors, Standard 9443
  --control-port N           Steuer-Port (Fehler, Uhr, Zustand), Standard 8440
  --update-port N            Update-Server des Herstellers (/updates/), Standard 8080
  --mobile-port N            mobiles Kartenterminal (Stellvertreter), wenn das Szenario eins hat, Standard 8450
                             0 bei jedem Port: ein freier Port
  --ready-file DATEI         schreibt Ports und URLs als JSON, sobald bereit

TLS und Anmeldung:
  --tls off|server|client    TLS freiwillig, ready.json nennt den Port ohne TLS / TLS freiwillig, ready.json
                             nennt den TLS-Port (Standard) / nur TLS mit Client-Zertifikat (TLSMandatory und
                             ClientAutMandatory); TLS ist immer möglich, wie bei jedem Konnektor
  --tls-max 1.2|1.3          höchste TLS-Version, Standard 1.3 (1.2: wie ein Konnektor ohne TLS 1.3)
  --basic-auth-user NAME     Basic Auth verlangen
  --basic-auth-password-file DATEI   Passwort dazu (nie auf der Kommandozeile)
  --client-p12 DATEI         stellt ein Client-Zertifikat (.p12) aus
  --client-p12-password-file DATEI   Passwort des .p12 (Standard: wird erzeugt, DATEI.password)
  --state-dir ORDNER         CA, Zertifikate; Standard $XDG_STATE_HOME/konnektor-sim

Dienstverzeichnis eines echten Geräts:
  --sds-file DATEI           diese connector.sds ausliefern (z. B. tests/data/real-connectors/…); jede
                             Adresse darin wird auf diesen Simulator umgeschrieben, der EventService antwortet
                             unter dem Pfad, den die Datei nennt

Update-Server:
  --updates-dir ORDNER       Dateien, die unter /updates/ ausgeliefert werden
  --updates-tls              Update-Server über HTTPS (CA des Simulators)

Fehler (auch zur Laufzeit über den Steuer-Port):
  --fault-power-loss         Stromausfall während der Installation (Konnektor danach defekt)
  --fault-install-fails TEXT Installation scheitert mit diesem Grund, alte Version bleibt
  --fault-ksr-down           KSR nicht erreichbar (kein Download)
  --fault-download-stalls    Download bleibt stehen
  --fault-drop P             Verbindungen mit Wahrscheinlichkeit P (0..1) abbrechen
  --fault-slow MS            jede Antwort MS Millisekunden verzögern
  --fault-malformed ART      broken-xml | truncated | wrong-content-type | attribute-bomb
  --fault-reboot-seconds N   ein Neustart dauert N (simulierte) Sekunden
  --fault-update-server-down Update-Server antwortet mit 503
  --fault-update-stalls-after BYTES  Update-Server schickt von jeder Datei nur BYTES Bytes, dann nichts mehr
  --fault-update-rate BYTES  Update-Server schickt Dateien mit höchstens BYTES Bytes je Sekunde
  --fault-lose-install-answer  ein Installationsauftrag wird ausgeführt, die Antwort geht verloren

  -h, --help                 diese Hilfe
  -V, --version              Version

Steuer-Port (HTTP, JSON):
  GET  /state                  Zustand aller Konnektoren (auch Anfragen je Port, abgelehnte SOAP-Anfragen)
  POST /faults {&quot;powerLoss&quot;:true, &quot;installFails&quot;:&quot;Grund&quot;, &quot;ksrDown&quot;:true, &quot;downloadStalls&quot;:true,
                &quot;dropProbability&quot;:0.2, &quot;slowMs&quot;:500, &quot;malformed&quot;:&quot;broken-xml&quot;, &quot;rebootSeconds&quot;:600,
                &quot;updateServerDown&quot;:true, &quot;updateStallsAfterBytes&quot;:100000, &quot;updateBytesPerSecond&quot;:50000,
                &quot;loseInstallAnswer&quot;:true,
                &quot;clear&quot;:true, &quot;connector&quot;:0}
  POST /clock {&quot;advanceSeconds&quot;:3600}     simulierte Zeit vorstellen
  POST /clock {&quot;untilPlanned&quot;:true}       bis zur ersten geplanten Installation vorstellen
  POST /terminal {&quot;ctId&quot;:&quot;CT_ID_0176&quot;,&quot;connected&quot;:false}
  POST /power {&quot;on&quot;:false}                Konnektor ausschalten (alle Ports zu) oder wieder ein
  POST /mobile-terminal {&quot;docked&quot;:false, &quot;batteryPercent&quot;:15, &quot;interruptAfterBytes&quot;:100000, &quot;rebootSeconds&quot;:60}
                                          mobiles Kartenterminal: aus der Ladeschale, Akku, Kabel nach N
                                          Bytes der Firmware einmal gezogen, Dauer des Neustarts
</source>
        <translation>konnektor-sim – a simulated practice: connector (KoCoBox MED+), card terminals, KSR and the
vendor&apos;s update server, as real servers on this machine (loopback only).

Usage: konnektor-sim [options]

Practice:
  --scenario FILE            scenario (JSON, docs/konnektor-sim.md); without one: everything current
  --count N                  N connectors (1 to 1000) with ports of their own (consecutive)
  --time-scale N             simulated time runs N times faster, up to 100000 (a 20 min update at 600: 2 s)

Network (loopback only):
  --listen ADDR              address, default 127.0.0.1 (or ::1)
  --port N                   TLS service port of the 1st connector (connector.sds, EventService), default 8443
  --plain-port N             port without TLS (connector.sds; the EventService only while TLS is optional),
                             default 8480
  --management-port N        management port of the 1st connector, default 9443
  --control-port N           control port (faults, clock, state), default 8440
  --update-port N            the vendor&apos;s update server (/updates/), default 8080
  --mobile-port N            the mobile card terminal (stand-in), when the scenario has one, default 8450
                             0 for any port: a free one
  --ready-file FILE          writes ports and URLs as JSON once ready

TLS and authentication:
  --tls off|server|client    TLS optional, ready.json names the plain port / TLS optional, ready.json
                             names the TLS port (default) / TLS only, with a client certificate (TLSMandatory and
                             ClientAutMandatory); TLS is always possible, as on every connector
  --tls-max 1.2|1.3          highest TLS version, default 1.3 (1.2: like a connector without TLS 1.3)
  --basic-auth-user NAME     require Basic Auth
  --basic-auth-password-file FILE   its password (never on the command line)
  --client-p12 FILE          issues a client certificate (.p12)
  --client-p12-password-file FILE   the .p12&apos;s password (default: generated, FILE.password)
  --state-dir DIR            CA, certificates; default $XDG_STATE_HOME/konnektor-sim

A real device&apos;s service directory:
  --sds-file FILE            serve this connector.sds (e.g. tests/data/real-connectors/…); every
                             address in it is rewritten to this simulator, the EventService answers
                             at the path the file names

Update server:
  --updates-dir DIR          files served under /updates/
  --updates-tls              update server over HTTPS (the simulator&apos;s CA)

Faults (also at run time via the control port):
  --fault-power-loss         power loss during the installation (the connector is broken after it)
  --fault-install-fails TEXT the installation fails with this reason, the old version stays
  --fault-ksr-down           KSR unreachable (no download)
  --fault-download-stalls    the download stalls
  --fault-drop P             drop connections with probability P (0..1)
  --fault-slow MS            delay every answer by MS milliseconds
  --fault-malformed KIND     broken-xml | truncated | wrong-content-type | attribute-bomb
  --fault-reboot-seconds N   a restart takes N (simulated) seconds
  --fault-update-server-down the update server answers 503
  --fault-update-stalls-after BYTES  the update server sends only BYTES bytes of each file, then nothing
  --fault-update-rate BYTES  the update server sends files at most BYTES bytes per second
  --fault-lose-install-answer  an installation order is carried out, its answer is lost

  -h, --help                 this help
  -V, --version              version

Control port (HTTP, JSON):
  GET  /state                  state of every connector (requests per port, refused SOAP requests too)
  POST /faults {&quot;powerLoss&quot;:true, &quot;installFails&quot;:&quot;reason&quot;, &quot;ksrDown&quot;:true, &quot;downloadStalls&quot;:true,
                &quot;dropProbability&quot;:0.2, &quot;slowMs&quot;:500, &quot;malformed&quot;:&quot;broken-xml&quot;, &quot;rebootSeconds&quot;:600,
                &quot;updateServerDown&quot;:true, &quot;updateStallsAfterBytes&quot;:100000, &quot;updateBytesPerSecond&quot;:50000,
                &quot;loseInstallAnswer&quot;:true,
                &quot;clear&quot;:true, &quot;connector&quot;:0}
  POST /clock {&quot;advanceSeconds&quot;:3600}     jump the simulated clock
  POST /clock {&quot;untilPlanned&quot;:true}       jump to the first planned installation
  POST /terminal {&quot;ctId&quot;:&quot;CT_ID_0176&quot;,&quot;connected&quot;:false}
  POST /power {&quot;on&quot;:false}                switch the connector off (every port closed) or on again
  POST /mobile-terminal {&quot;docked&quot;:false, &quot;batteryPercent&quot;:15, &quot;interruptAfterBytes&quot;:100000, &quot;rebootSeconds&quot;:60}
                                          mobile card terminal: out of its dock, battery, cable pulled once
                                          after N bytes of the firmware, length of its restart
</translation>
    </message>
    <message>
        <source>--time-scale muss größer als 0 und höchstens 100000 sein</source>
        <translation>--time-scale must be greater than 0 and at most 100000</translation>
    </message>
    <message>
        <source>--fault-drop erwartet eine Wahrscheinlichkeit von 0 bis 1</source>
        <translation>--fault-drop expects a probability from 0 to 1</translation>
    </message>
    <message>
        <source>--fault-slow erwartet Millisekunden ab 0</source>
        <translation>--fault-slow expects milliseconds from 0</translation>
    </message>
</context>
<context>
    <name>log</name>
    <message>
        <source>Das Protokoll kann nicht in den Ordner %1 geschrieben werden.</source>
        <translation>The log cannot be written to the folder %1.</translation>
    </message>
    <message>
        <source>Schreibrechte und freien Speicherplatz prüfen.</source>
        <translation>Check write permissions and free disk space.</translation>
    </message>
</context>
<context>
    <name>maintenance_record</name>
    <message>
        <source>Wartungsnachweis der TI-Komponenten</source>
        <translation>Maintenance record of the TI components</translation>
    </message>
    <message>
        <source>Erstellt am %1 aus dem Update-Archiv.</source>
        <translation>Created on %1 from the update archive.</translation>
    </message>
    <message>
        <source>Praxis</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>Mandant</source>
        <translation>Mandant (tenant)</translation>
    </message>
    <message>
        <source>Clientsystem</source>
        <translation>Client system</translation>
    </message>
    <message>
        <source>Arbeitsplatz</source>
        <translation>Workplace</translation>
    </message>
    <message>
        <source>Konnektor (Dienstverzeichnis)</source>
        <translation>Connector (service directory)</translation>
    </message>
    <message>
        <source>Geräte</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Noch kein Update eingetragen.</source>
        <translation>No update recorded yet.</translation>
    </message>
    <message>
        <source>Gerät</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>aktualisiert am</source>
        <translation>updated on</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Das Update-Archiv ist leer.</source>
        <translation>The update archive is empty.</translation>
    </message>
    <message>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Ereignis</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>für %1</source>
        <translation>for %1</translation>
    </message>
    <message>
        <source>%1 Zeile(n) des Archivs sind unlesbar und fehlen hier; sie bleiben in der Archivdatei erhalten.</source>
        <translation>%1 line(s) of the archive cannot be read and are missing here; they stay in the archive file.</translation>
    </message>
    <message>
        <source>Gestartet von</source>
        <translation>Started by</translation>
    </message>
</context>
<context>
    <name>metadata</name>
    <message>
        <source>Später erneut versuchen; bleibt der Fehler, den Support anrufen.</source>
        <translation>Try again later; if it persists, call support.</translation>
    </message>
    <message>
        <source>die Datei ist fehlerhaft</source>
        <translation>the file is faulty</translation>
    </message>
    <message>
        <source>Die Update-Daten des Herstellers konnten nicht bestätigt werden: %1. Sie werden nicht verwendet.</source>
        <translation>The vendor&apos;s update data could not be confirmed: %1. They are not used.</translation>
    </message>
</context>
<context>
    <name>mobile_terminal</name>
    <message>
        <source>Das mobile Kartenterminal antwortet unverständlich.</source>
        <translation>The mobile card terminal gives an answer that cannot be understood.</translation>
    </message>
    <message>
        <source>Das Gerät neu anschließen und erneut prüfen; bleibt es so, den Support anrufen.</source>
        <translation>Connect the device again and check again; if it stays so, call support.</translation>
    </message>
    <message>
        <source>Das mobile Kartenterminal</source>
        <translation>The mobile card terminal</translation>
    </message>
</context>
<context>
    <name>mobile_terminal_update</name>
    <message>
        <source>Abgebrochen. Am mobilen Kartenterminal wurde nichts geändert.</source>
        <translation>Cancelled. Nothing was changed on the mobile card terminal.</translation>
    </message>
    <message>
        <source>Es ist kein mobiles Kartenterminal eingerichtet.</source>
        <translation>No mobile card terminal is set up.</translation>
    </message>
    <message>
        <source>In den Einstellungen unter [mobile_terminal] die Adresse des Geräts eintragen.</source>
        <translation>Enter the device&apos;s address in the settings under [mobile_terminal].</translation>
    </message>
    <message>
        <source>Das Gerät in seine Ladeschale stellen oder per USB an diesen PC anschließen, dann erneut starten.</source>
        <translation>Put the device in its dock or connect it to this PC by USB, then start again.</translation>
    </message>
    <message>
        <source>Das mobile Kartenterminal hat die Firmware angenommen und meldet sich noch nicht zurück (es startet vielleicht gerade neu).</source>
        <translation>The mobile card terminal took the firmware and has not come back yet (it may be restarting right now).</translation>
    </message>
    <message>
        <source>%1 erhält Firmware %2 mit %3 %4 (bisher %5). Die Übertragung dauert einige Minuten, danach startet das Gerät neu.

Währenddessen das Gerät NICHT aus der Ladeschale nehmen und das Kabel NICHT ziehen. Karten können in dieser Zeit nicht gelesen werden.

Jetzt übertragen?</source>
        <translation>%1 receives firmware %2 with %3 %4 (so far %5). The transfer takes a few minutes, then the device restarts.

Meanwhile do NOT take the device out of its dock and do NOT pull the cable. Cards cannot be read during this time.

Transfer now?</translation>
    </message>
    <message>
        <source>CVC-Zertifikatsliste</source>
        <translation>CVC certificate list</translation>
    </message>
    <message>
        <source>Verstanden – jetzt übertragen</source>
        <translation>Understood – transfer now</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Für %1 kennt der Zulassungskatalog keine Firmware.</source>
        <translation>The approval catalog knows no firmware for %1.</translation>
    </message>
    <message>
        <source>Bitte den Support anrufen: %1</source>
        <translation>Please call support: %1</translation>
    </message>
    <message>
        <source>%1 ist aktuell: Firmware %2, %3 %4. Es ist nichts zu tun.</source>
        <translation>%1 is current: firmware %2, %3 %4. There is nothing to do.</translation>
    </message>
    <message>
        <source>Die Firmware %1 für %2 liegt auf dem Update-Server nicht vor.</source>
        <translation>Firmware %1 for %2 is not on the update server.</translation>
    </message>
    <message>
        <source>Später erneut versuchen; bleibt es so, den Support anrufen: %1</source>
        <translation>Try again later; if it stays like this, call support: %1</translation>
    </message>
    <message>
        <source>Die Firmware auf dem Update-Server passt nicht zu diesem Gerät; sie wird nicht übertragen. Am mobilen Kartenterminal wurde nichts geändert.</source>
        <translation>The firmware on the update server does not match this device; it is not transferred. Nothing was changed on the mobile card terminal.</translation>
    </message>
    <message>
        <source>Firmware wird vom Update-Server geladen und geprüft</source>
        <translation>Downloading and checking the firmware from the update server</translation>
    </message>
    <message>
        <source>Der Akkustand ist unbekannt</source>
        <translation>The battery level is unknown</translation>
    </message>
    <message>
        <source>Der Akku ist zu %1 % geladen</source>
        <translation>The battery is at %1 %</translation>
    </message>
    <message>
        <source>%1, und das Gerät steht nicht in der Ladeschale. Damit die Übertragung nicht abbricht, das Gerät bitte in die Ladeschale stellen (oder auf mindestens %2 % laden).</source>
        <translation>%1, and the device is not in its dock. So that the transfer does not break off, please put the device in its dock (or charge it to at least %2 %).</translation>
    </message>
    <message>
        <source>Steht in der Ladeschale – erneut prüfen</source>
        <translation>It is in its dock – check again</translation>
    </message>
    <message>
        <source>Die Übertragung wurde beendet.</source>
        <translation>The transfer was stopped.</translation>
    </message>
    <message>
        <source>Die Übertragung wurde abgebrochen: der Akku des Geräts ist zu schwach.</source>
        <translation>The transfer was stopped: the device&apos;s battery is too weak.</translation>
    </message>
    <message>
        <source>Das Gerät in die Ladeschale stellen und das Update erneut starten; es geht dort weiter, wo es stand.</source>
        <translation>Put the device in its dock and start the update again; it continues where it stopped.</translation>
    </message>
    <message>
        <source>Das mobile Kartenterminal nimmt die Firmware nicht an.</source>
        <translation>The mobile card terminal does not accept the firmware.</translation>
    </message>
    <message>
        <source>Verbindung zum Gerät unterbrochen – die Übertragung geht gleich dort weiter, wo sie stand</source>
        <translation>Connection to the device lost – the transfer continues in a moment where it stopped</translation>
    </message>
    <message>
        <source>Firmware wird auf das Gerät übertragen</source>
        <translation>Transferring the firmware to the device</translation>
    </message>
    <message>
        <source>Das mobile Kartenterminal hat die Firmware geprüft und abgelehnt; es arbeitet mit der bisherigen Version weiter.</source>
        <translation>The mobile card terminal checked the firmware and refused it; it keeps working with its previous version.</translation>
    </message>
    <message>
        <source>Firmware wird installiert</source>
        <translation>Installing the firmware</translation>
    </message>
    <message>
        <source>Das Gerät installiert die Firmware und startet neu. Bitte nicht aus der Ladeschale nehmen.</source>
        <translation>The device installs the firmware and restarts. Please do not take it out of its dock.</translation>
    </message>
    <message>
        <source>Das Gerät startet neu</source>
        <translation>The device is restarting</translation>
    </message>
    <message>
        <source>Das Gerät installiert weiter. Beim nächsten Start wird das Ergebnis geprüft und eingetragen.</source>
        <translation>The device goes on installing. The result is checked and recorded at the next start.</translation>
    </message>
    <message>
        <source>Das mobile Kartenterminal meldet sich nach der Installation nicht zurück.</source>
        <translation>The mobile card terminal does not come back after the installation.</translation>
    </message>
    <message>
        <source>Das Gerät in der Ladeschale lassen und den Support anrufen: %1</source>
        <translation>Leave the device in its dock and call support: %1</translation>
    </message>
    <message>
        <source>Das Gerät meldet nach dem Neustart %1 statt %2; das Update hat nicht gewirkt.</source>
        <translation>After its restart the device reports %1 instead of %2; the update did not take effect.</translation>
    </message>
    <message>
        <source>%1 ist aktualisiert: Firmware %2, %3 %4. Es liest jetzt auch die neueste Kartengeneration. Im Update-Archiv eingetragen.</source>
        <translation>%1 is updated: firmware %2, %3 %4. It now also reads the newest card generation. Recorded in the update archive.</translation>
    </message>
    <message>
        <source>Der Eintrag im Update-Archiv fehlt noch; er wird beim nächsten Start des Updates nachgetragen. Am Gerät ist nichts mehr zu tun.</source>
        <translation>The entry in the update archive is still missing; it is added at the next start of the update. Nothing more needs to be done on the device.</translation>
    </message>
</context>
<context>
    <name>operating_states</name>
    <message>
        <source>Für den Konnektor gibt es ein Update; er arbeitet bis dahin normal weiter.</source>
        <translation>There is an update for the connector; until then it keeps working as usual.</translation>
    </message>
    <message>
        <source>Das Update einplanen, am besten außerhalb der Sprechzeiten.</source>
        <translation>Plan the update, best outside office hours.</translation>
    </message>
    <message>
        <source>Für das Kartenterminal %1 gibt es ein Update.</source>
        <translation>There is an update for the card terminal %1.</translation>
    </message>
    <message>
        <source>Das Update einplanen; Kartenterminals kommen vor dem Konnektor an die Reihe.</source>
        <translation>Plan the update; card terminals come before the connector.</translation>
    </message>
    <message>
        <source>Das Kartenterminal %1 ist nicht erreichbar.</source>
        <translation>The card terminal %1 cannot be reached.</translation>
    </message>
    <message>
        <source>Das Terminal einschalten und das Netzwerkkabel prüfen.</source>
        <translation>Switch the terminal on and check its network cable.</translation>
    </message>
    <message>
        <source>Die Sicherheitskarte (gSMC-KT) im Kartenterminal %1 läuft bald ab.</source>
        <translation>The security card (gSMC-KT) in the card terminal %1 expires soon.</translation>
    </message>
    <message>
        <source>Rechtzeitig eine neue Sicherheitskarte beim Support bestellen.</source>
        <translation>Order a new security card from support in good time.</translation>
    </message>
    <message>
        <source>Der Konnektor sperrt den Zugang zur TI: die Frist eines kritischen Updates ist abgelaufen.</source>
        <translation>The connector blocks the access to the TI: the deadline of a critical update has passed.</translation>
    </message>
    <message>
        <source>Jetzt das Update installieren; danach ist der Zugang wieder frei.</source>
        <translation>Install the update now; afterwards the access is open again.</translation>
    </message>
    <message>
        <source>Der Konnektor hat einen Fehler in seiner eigenen Software festgestellt.</source>
        <translation>The connector has found a fault in its own software.</translation>
    </message>
    <message>
        <source>Den Konnektor nicht vom Strom trennen und sofort den Support anrufen.</source>
        <translation>Do not unplug the connector; call support at once.</translation>
    </message>
    <message>
        <source>Der Konnektor ist nicht mit der TI verbunden.</source>
        <translation>The connector is not connected to the TI.</translation>
    </message>
    <message>
        <source>Internetverbindung der Praxis prüfen; bleibt es so, den Support anrufen.</source>
        <translation>Check the practice&apos;s internet connection; if it stays so, call support.</translation>
    </message>
    <message>
        <source>Der sichere Internetzugang über den Konnektor (SIS) ist nicht verbunden; ohne gebuchten SIS-Dienst ist das normal.</source>
        <translation>The secure internet service through the connector (SIS) is not connected; without a booked SIS service that is normal.</translation>
    </message>
    <message>
        <source>Der Konnektor erreicht das Internet nicht.</source>
        <translation>The connector cannot reach the internet.</translation>
    </message>
    <message>
        <source>Router und Internetverbindung der Praxis prüfen.</source>
        <translation>Check the practice&apos;s router and internet connection.</translation>
    </message>
    <message>
        <source>Dem Konnektor fehlen Netzwerkadressen.</source>
        <translation>The connector lacks network addresses.</translation>
    </message>
    <message>
        <source>Den Support anrufen.</source>
        <translation>Call support.</translation>
    </message>
    <message>
        <source>Der Konnektor konnte seine Uhr nicht stellen.</source>
        <translation>The connector could not set its clock.</translation>
    </message>
    <message>
        <source>Später noch einmal prüfen; bleibt es so, den Support anrufen.</source>
        <translation>Check again later; if it stays so, call support.</translation>
    </message>
    <message>
        <source>Der Konnektor hat seine Uhr länger nicht gestellt.</source>
        <translation>The connector has not set its clock for a while.</translation>
    </message>
    <message>
        <source>Internetverbindung prüfen; bleibt es so, den Support anrufen.</source>
        <translation>Check the internet connection; if it stays so, call support.</translation>
    </message>
    <message>
        <source>Die Uhr des Konnektors ist seit Langem nicht gestellt; er arbeitet nur eingeschränkt.</source>
        <translation>The connector&apos;s clock has not been set for a long time; it works only in part.</translation>
    </message>
    <message>
        <source>Die Uhr des Konnektors geht stark falsch; er arbeitet nur eingeschränkt.</source>
        <translation>The connector&apos;s clock is far off; it works only in part.</translation>
    </message>
    <message>
        <source>Die Vertrauensliste der TI (TSL) im Konnektor läuft bald ab; er holt sich normalerweise selbst eine neue.</source>
        <translation>The TI&apos;s trust list (TSL) in the connector expires soon; it normally fetches a new one itself.</translation>
    </message>
    <message>
        <source>Der Vertrauensanker der TI im Konnektor läuft bald ab.</source>
        <translation>The TI&apos;s trust anchor in the connector expires soon.</translation>
    </message>
    <message>
        <source>Updates des Konnektors einspielen; im Zweifel den Support fragen.</source>
        <translation>Install the connector&apos;s updates; if in doubt, ask support.</translation>
    </message>
    <message>
        <source>Der Konnektor konnte die Vertrauensliste der TI (TSL) nicht erneuern.</source>
        <translation>The connector could not renew the TI&apos;s trust list (TSL).</translation>
    </message>
    <message>
        <source>Die Vertrauensliste der TI (TSL) im Konnektor ist abgelaufen; noch gilt eine Übergangsfrist.</source>
        <translation>The TI&apos;s trust list (TSL) in the connector has expired; a grace period still applies.</translation>
    </message>
    <message>
        <source>Den Support anrufen, bevor die Übergangsfrist endet.</source>
        <translation>Call support before the grace period ends.</translation>
    </message>
    <message>
        <source>Die Vertrauensliste der TI (TSL) im Konnektor ist abgelaufen; er arbeitet nur eingeschränkt.</source>
        <translation>The TI&apos;s trust list (TSL) in the connector has expired; it works only in part.</translation>
    </message>
    <message>
        <source>Sofort den Support anrufen.</source>
        <translation>Call support at once.</translation>
    </message>
    <message>
        <source>Der Vertrauensanker der TI im Konnektor ist abgelaufen; er arbeitet nur eingeschränkt.</source>
        <translation>The TI&apos;s trust anchor in the connector has expired; it works only in part.</translation>
    </message>
    <message>
        <source>Die Sperrliste im Konnektor läuft bald ab; er holt sich normalerweise selbst eine neue.</source>
        <translation>The revocation list in the connector expires soon; it normally fetches a new one itself.</translation>
    </message>
    <message>
        <source>Die Sperrliste im Konnektor ist abgelaufen.</source>
        <translation>The revocation list in the connector has expired.</translation>
    </message>
    <message>
        <source>Der Konnektor konnte die Vertrauensliste der Bundesnetzagentur nicht erneuern.</source>
        <translation>The connector could not renew the Federal Network Agency&apos;s trust list.</translation>
    </message>
    <message>
        <source>Die Vertrauensliste der Bundesnetzagentur im Konnektor ist ungültig; qualifizierte Signaturen gehen nicht.</source>
        <translation>The Federal Network Agency&apos;s trust list in the connector is not valid; qualified signatures do not work.</translation>
    </message>
    <message>
        <source>Das Protokoll des Konnektors ist voll.</source>
        <translation>The connector&apos;s log is full.</translation>
    </message>
    <message>
        <source>Den Support bitten, das Protokoll zu sichern.</source>
        <translation>Ask support to save the log.</translation>
    </message>
    <message>
        <source>Der Konnektor kann sein Sicherheitsprotokoll nicht schreiben und arbeitet nur eingeschränkt.</source>
        <translation>The connector cannot write its security log and works only in part.</translation>
    </message>
    <message>
        <source>Der Schlüsselspeicher des Konnektors ist nicht verfügbar; er arbeitet nicht.</source>
        <translation>The connector&apos;s key store is not available; it does not work.</translation>
    </message>
    <message>
        <source>Die Firewall des Konnektors arbeitet nicht zuverlässig; er arbeitet nicht.</source>
        <translation>The connector&apos;s firewall does not work reliably; it does not work.</translation>
    </message>
    <message>
        <source>schwerwiegend</source>
        <translation>severe</translation>
    </message>
    <message>
        <source>Fehler</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Warnung</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>Hinweis</source>
        <translation>note</translation>
    </message>
    <message>
        <source>Der Konnektor meldet einen eigenen Zustand Nr. %1 (%2).</source>
        <translation>The connector reports a state of its own, no. %1 (%2).</translation>
    </message>
    <message>
        <source>Was er bedeutet, zeigt die Verwaltungsoberfläche des Konnektors; im Zweifel den Support fragen.</source>
        <translation>The connector&apos;s administration interface shows what it means; if in doubt, ask support.</translation>
    </message>
    <message>
        <source>Der Konnektor meldet den Zustand „%1“ (%2), den tiservice nicht kennt.</source>
        <translation>The connector reports the state “%1” (%2), which tiservice does not know.</translation>
    </message>
    <message>
        <source>Im Zweifel den Support fragen.</source>
        <translation>If in doubt, ask support.</translation>
    </message>
</context>
<context>
    <name>password_policy</name>
    <message>
        <source>Das Passwort muss 8 bis 24 Zeichen lang sein (es hat %1).</source>
        <translation>The password must be 8 to 24 characters long (it has %1).</translation>
    </message>
    <message>
        <source>Das Passwort braucht Zeichen aus mindestens 3 von 4 Gruppen: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen (%1).</source>
        <translation>The password needs characters from at least 3 of 4 groups: upper case, lower case, digits, special characters (%1).</translation>
    </message>
    <message>
        <source>Erlaubt sind nur A-Z, a-z, 0-9 und die Sonderzeichen %1 (keine Umlaute, keine Leerzeichen).</source>
        <translation>Only A-Z, a-z, 0-9 and the special characters %1 are allowed (no umlauts, no spaces).</translation>
    </message>
    <message>
        <source>Dieses Passwort wurde vor kurzem schon verwendet; keines der letzten drei ist erlaubt.</source>
        <translation>This password was used recently; none of the last three may be used again.</translation>
    </message>
    <message>
        <source>Das Passwort darf den Benutzernamen &quot;%1&quot; nicht enthalten, auch nicht rückwärts und ohne Rücksicht auf Groß- und Kleinschreibung.</source>
        <translation>The password must not contain the user name &quot;%1&quot;, not even backwards, ignoring upper and lower case.</translation>
    </message>
    <message>
        <source>Das neue Passwort: 8 bis 24 Zeichen; mindestens 3 von 4 Gruppen (Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen !@#$%^&amp;*_=+-/); nicht den Benutzernamen enthalten, auch nicht rückwärts und ohne Rücksicht auf Groß- und Kleinschreibung; keines der letzten drei Passwörter.</source>
        <translation>The new password: 8 to 24 characters; at least 3 of 4 groups (upper case, lower case, digits, special characters !@#$%^&amp;*_=+-/); must not contain the user name, not even backwards, ignoring upper and lower case; none of the last three passwords.</translation>
    </message>
    <message>
        <source>8 bis 24 Zeichen</source>
        <translation>8 to 24 characters</translation>
    </message>
    <message>
        <source>mindestens 3 von 4 Gruppen: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen</source>
        <translation>at least 3 of 4 groups: capital letters, small letters, digits, special characters</translation>
    </message>
    <message>
        <source>nur Buchstaben A–Z und a–z, Ziffern und %1</source>
        <translation>only letters A–Z and a–z, digits and %1</translation>
    </message>
    <message>
        <source>enthält nicht den Benutzernamen, auch nicht rückwärts</source>
        <translation>does not contain the user name, not even backwards</translation>
    </message>
    <message>
        <source>keines der letzten drei Passwörter</source>
        <translation>none of the last three passwords</translation>
    </message>
</context>
<context>
    <name>plugin_loader</name>
    <message>
        <source>Die Erweiterung neu installieren oder den Hersteller der Praxissoftware fragen.</source>
        <translation>Reinstall the extension or ask the practice software&apos;s vendor.</translation>
    </message>
    <message>
        <source>Die tiservice-Erweiterung %1 wurde nicht gefunden.</source>
        <translation>The tiservice extension %1 was not found.</translation>
    </message>
    <message>
        <source>Die Datei %1 ist keine ladbare Erweiterung.</source>
        <translation>The file %1 is not a loadable extension.</translation>
    </message>
    <message>
        <source>Die Datei %1 ist keine tiservice-Erweiterung (Einsprungpunkt fehlt).</source>
        <translation>The file %1 is not a tiservice extension (entry point missing).</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 ist für eine andere Schnittstellenversion gebaut (%2 statt %3).</source>
        <translation>The extension %1 is built for another interface version (%2 instead of %3).</translation>
    </message>
    <message>
        <source>Der Einsprungpunkt der Erweiterung %1 ist unvollständig.</source>
        <translation>The entry point of the extension %1 is incomplete.</translation>
    </message>
    <message>
        <source>Die Beschreibung (Manifest) der Erweiterung %1 ist ungültig.</source>
        <translation>The description (manifest) of the extension %1 is not valid.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 ist für %2 gebaut, nicht für %3.</source>
        <translation>The extension %1 is built for %2, not for %3.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 ließ sich nicht starten.</source>
        <translation>The extension %1 could not be started.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 ließ sich nicht starten: %2</source>
        <translation>The extension %1 could not be started: %2</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 ließ sich nicht anlegen (unvollständige Funktionstabelle).</source>
        <translation>The adapter %1 could not be created (incomplete function table).</translation>
    </message>
    <message>
        <source>die Erweiterung nennt keinen Grund</source>
        <translation>the adapter gives no reason</translation>
    </message>
    <message>
        <source>Die Erweiterung kann nicht auf Zuruf prüfen.</source>
        <translation>The adapter cannot check on request.</translation>
    </message>
    <message>
        <source>Die Erweiterung nennt keinen Grund.</source>
        <translation>The adapter gives no reason.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 antwortet beim Beenden nicht mehr und wurde abgeschaltet.</source>
        <translation>The adapter %1 stopped answering while shutting down and was switched off.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 antwortet beim Start nicht und wurde abgeschaltet.</source>
        <translation>The adapter %1 does not answer while starting and was switched off.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 ist abgestürzt und wurde abgeschaltet.</source>
        <translation>The adapter %1 crashed and was switched off.</translation>
    </message>
    <message>
        <source>Die Erweiterung %1 braucht eine neuere Praxissoftware (Schnittstelle %2, vorhanden ist 1.%3).</source>
        <translation>The adapter %1 needs a newer practice software (interface %2, this one has 1.%3).</translation>
    </message>
    <message>
        <source>Die Erweiterung liest geänderte Einstellungen erst nach einem Neustart.</source>
        <translation>The adapter reads changed settings only after a restart.</translation>
    </message>
</context>
<context>
    <name>plugin_sdk</name>
    <message>
        <source>TI-Komponenten</source>
        <translation>TI components</translation>
    </message>
    <message>
        <source>Jetzt aktualisieren</source>
        <translation>Update now</translation>
    </message>
    <message>
        <source>%1 TI-Einstellungen</source>
        <translation>%1 TI settings</translation>
    </message>
    <message>
        <source>Adapter und TI-Dienst von tiservice passen nicht zusammen (verschiedene Versionen). Bitte tiservice neu installieren.</source>
        <translation>The adapter and tiservice&apos;s TI service do not match (different versions). Please install tiservice again.</translation>
    </message>
</context>
<context>
    <name>practice_hours</name>
    <message>
        <source>Die Sprechzeiten &quot;%1&quot; sind ungültig.</source>
        <translation>The practice hours &quot;%1&quot; are not valid.</translation>
    </message>
    <message>
        <source>Form: Mo-Fr 08:00-18:00</source>
        <translation>Form: Mo-Fr 08:00-18:00</translation>
    </message>
</context>
<context>
    <name>product_identity</name>
    <message>
        <source>Die Produktangabe &quot;%1&quot; (&quot;%2&quot;) ist ungültig: %3</source>
        <translation>The product field &quot;%1&quot; (&quot;%2&quot;) is not valid: %3</translation>
    </message>
    <message>
        <source>Die Angaben des Geräts prüfen oder den Support anrufen.</source>
        <translation>Check the device&apos;s details or call support.</translation>
    </message>
    <message>
        <source>sie ist leer.</source>
        <translation>it is empty.</translation>
    </message>
    <message>
        <source>sie ist länger als %1 Zeichen.</source>
        <translation>it is longer than %1 characters.</translation>
    </message>
    <message>
        <source>erlaubt sind nur A-Z, a-z, 0-9 und _.</source>
        <translation>only A-Z, a-z, 0-9 and _ are allowed.</translation>
    </message>
    <message>
        <source>Konnektor</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Stationäres Kartenterminal</source>
        <translation>Stationary card terminal</translation>
    </message>
    <message>
        <source>Mobiles Kartenterminal</source>
        <translation>Mobile card terminal</translation>
    </message>
    <message>
        <source>Unbekannte Geräteart &quot;%1&quot;.</source>
        <translation>Unknown component type &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Erlaubt sind connector, stationary-terminal und mobile-terminal.</source>
        <translation>Allowed are connector, stationary-terminal and mobile-terminal.</translation>
    </message>
    <message>
        <source>Hersteller-ID</source>
        <translation>vendor id</translation>
    </message>
    <message>
        <source>Produktcode</source>
        <translation>product code</translation>
    </message>
    <message>
        <source>Herstellername</source>
        <translation>vendor name</translation>
    </message>
    <message>
        <source>er ist länger als 256 Zeichen.</source>
        <translation>it is longer than 256 characters.</translation>
    </message>
    <message>
        <source>Produktname</source>
        <translation>product name</translation>
    </message>
</context>
<context>
    <name>sample_host</name>
    <message>
        <source>%1-Aufgabe:</source>
        <translation>%1 task:</translation>
    </message>
    <message>
        <source>keine Antwort: abgebrochen</source>
        <translation>no answer: cancelled</translation>
    </message>
    <message>
        <source>Die Einstellungsdatei %1 ist nicht lesbar.</source>
        <translation>The settings file %1 cannot be read.</translation>
    </message>
    <message>
        <source>%1 (tiservice-host) startet</source>
        <translation>%1 (tiservice-host) starts</translation>
    </message>
    <message>
        <source>TI-Service nicht verfügbar: </source>
        <translation>TI service not available: </translation>
    </message>
    <message>
        <source>Die Praxissoftware läuft ohne TI-Service weiter.</source>
        <translation>The practice software carries on without the TI service.</translation>
    </message>
    <message>
        <source>Erweiterung geladen: </source>
        <translation>Extension loaded: </translation>
    </message>
    <message>
        <source>Menü </source>
        <translation>Menu </translation>
    </message>
    <message>
        <source>Menü:</source>
        <translation>Menu:</translation>
    </message>
    <message>
        <source>Zeitlimit erreicht; die Praxissoftware beendet sich.</source>
        <translation>Time limit reached; the practice software exits.</translation>
    </message>
    <message>
        <source>%1 beendet</source>
        <translation>%1 closed</translation>
    </message>
    <message>
        <source>--timeout erwartet Sekunden größer als 0</source>
        <translation>--timeout expects seconds greater than 0</translation>
    </message>
    <message>
        <source>Unbekannte Sprache &quot;%1&quot;. Erlaubt sind de und en.</source>
        <translation>Unknown language &quot;%1&quot;. Allowed are de and en.</translation>
    </message>
    <message>
        <source>Ein leerer oder ungültiger Hinweis der Erweiterung wurde nicht angezeigt.</source>
        <translation>An empty or invalid notice from the adapter was not shown.</translation>
    </message>
    <message>
        <source>Eine ungültige Frage der Erweiterung wurde nicht gestellt.</source>
        <translation>An invalid question from the adapter was not asked.</translation>
    </message>
    <message>
        <source>--plugin-deadline erwartet Sekunden von 1 bis 600</source>
        <translation>--plugin-deadline expects seconds from 1 to 600</translation>
    </message>
    <message>
        <source>Später</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Geschlossen</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>%1: Hinweis entfernt – %2</source>
        <translation>%1: notice removed – %2</translation>
    </message>
    <message>
        <source>Hinweise: %1; init %2 ms; erster Hinweis nach %3 ms</source>
        <translation>notices: %1; init %2 ms; first notice after %3 ms</translation>
    </message>
    <message>
        <source>Hinweise: %1; init %2 ms</source>
        <translation>notices: %1; init %2 ms</translation>
    </message>
    <message>
        <source>Patientenliste (Beispiel): hier arbeitet die Praxis wie gewohnt.</source>
        <translation>Patient list (example): here the practice works as usual.</translation>
    </message>
    <message>
        <source>Aufgaben</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>TI-Service</source>
        <translation>TI service</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Abhaken, wenn erledigt</source>
        <translation>Tick off when done</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>tiservice-host – eine Praxissoftware zum Ausprobieren: lädt einen tiservice-Adapter und zeigt
seine Hinweise, Fragen und Fortschritte im Terminal oder (--gui) als Fenster.

Aufruf: tiservice-host --pvs NAME --settings DATEI [Optionen]

  --pvs NAME          medistar | albis | z1 | turbomed | chremasoft | m1pro | z1pro
  --plugins ORDNER    Ordner der Adapter (Standard: &lt;bin&gt;/../lib/tiservice/adapters)
  --settings DATEI    TI-Einstellungen in der Sprache der Praxissoftware (&quot;Schlüssel = Wert&quot;), siehe
                      host-adapters/&lt;pvs&gt;/README.md
  --answers DATEI     Antworten als JSON ({&quot;frage.id&quot;: &quot;Antwort&quot; | [&quot;…&quot;, &quot;…&quot;]})
  --interactive       Fragen im Terminal beantworten
  --run ID            Menüeintrag ausführen, z. B. ti-service.update (mehrfach möglich)
  --state-dir ORDNER  Ordner für Journal, Archiv, Protokoll
  --lang de|en        Sprache
  --timeout SEKUNDEN  spätestens dann beenden (Standard 900)
  --plugin-deadline SEKUNDEN
                      so lange darf der Start oder das Beenden der Erweiterung dauern (Standard 10)
  --workplaces-in-use N
                      so viele weitere Arbeitsplätze sind gerade angemeldet (für die Warnung vor
                      einem Update während der Arbeit; Standard: unbekannt)
  --stay              nicht beenden, wenn alles erledigt ist (Strg+C)
  --gui               als Fenster: Hinweise als Leiste, Dialog oder Aufgabe (je nach Adapter),
                      Fragen als Dialoge, Fortschritt als Balken, die Menüeinträge im Menü
  --screenshots ORDNER
                      mit --gui: ein Bild des Fensters zu jedem Hinweis und jeder Frage
</source>
        <translation>tiservice-host – a stand-in practice software: loads a tiservice adapter and shows its notices,
questions and progress in the terminal or (--gui) as a window.

Usage: tiservice-host --pvs NAME --settings FILE [options]

  --pvs NAME          medistar | albis | z1 | turbomed | chremasoft | m1pro | z1pro
  --plugins DIR       adapter folder (default: &lt;bin&gt;/../lib/tiservice/adapters)
  --settings FILE     TI settings in the practice software&apos;s own names (&quot;key = value&quot;), see
                      host-adapters/&lt;pvs&gt;/README.md
  --answers FILE      answers as JSON ({&quot;question.id&quot;: &quot;answer&quot; | [&quot;…&quot;, &quot;…&quot;]})
  --interactive       answer questions in the terminal
  --run ID            run a menu entry, e.g. ti-service.update (more than once allowed)
  --state-dir DIR     folder for journal, archive, log
  --lang de|en        language
  --timeout SECONDS   give up after this long (default 900)
  --plugin-deadline SECONDS
                      how long the adapter may take to start or to stop (default 10)
  --workplaces-in-use N
                      this many other workplaces are signed in right now (for the warning before
                      an update while people work; default: unknown)
  --stay              keep running when everything is done (Ctrl+C)
  --gui               as a window: notices as a strip, a dialog or a task (as the adapter says),
                      questions as dialogs, progress as a bar, the menu entries in the menu
  --screenshots DIR
                      with --gui: a picture of the window for each notice and question
</translation>
    </message>
    <message>
        <source>%1 – Praxissoftware (Beispiel)</source>
        <translation>%1 – practice software (example)</translation>
    </message>
    <message>
        <source>Diese Ausgabe hat kein Fenster. Bitte ohne --gui starten, dann im Terminal.</source>
        <translation>This edition has no window. Please start it without --gui, in the terminal.</translation>
    </message>
</context>
<context>
    <name>self_update</name>
    <message>
        <source>Die neue Version ließ sich nicht auspacken.</source>
        <translation>The new version could not be unpacked.</translation>
    </message>
    <message>
        <source>Die angebotene neue Version ist für ein anderes Betriebssystem (%1) und wird nicht installiert.</source>
        <translation>The new version offered is for another operating system (%1) and is not installed.</translation>
    </message>
    <message>
        <source>Die angebotene neue Version nennt keine gültige Versionsnummer.</source>
        <translation>The new version offered names no valid version number.</translation>
    </message>
    <message>
        <source>Eine angebotene neue Version von tiservice wurde abgelehnt: %1</source>
        <translation>A new version of tiservice that was offered was refused: %1</translation>
    </message>
    <message>
        <source>tiservice arbeitet mit der installierten Version weiter.</source>
        <translation>tiservice keeps working with the installed version.</translation>
    </message>
    <message>
        <source>tiservice %1 ist geladen und geprüft; es wird beim nächsten Start verwendet (jetzt: %2).</source>
        <translation>tiservice %1 is downloaded and verified; it is used at the next start (now: %2).</translation>
    </message>
    <message>
        <source>Eine neuere Version von tiservice ist verfügbar: %1 (installiert: %2). Sie kommt über die Paketverwaltung dieses PCs oder mit dem Update Ihrer Praxissoftware.</source>
        <translation>A newer version of tiservice is available: %1 (installed: %2). It comes through this PC&apos;s package manager or with the update of your practice software.</translation>
    </message>
    <message>
        <source>Die neue Version %1 von tiservice ließ sich nicht starten; tiservice bleibt bei %2.</source>
        <translation>The new version %1 of tiservice could not be started; tiservice stays at %2.</translation>
    </message>
    <message>
        <source>tiservice wurde von %1 auf %2 aktualisiert.</source>
        <translation>tiservice was updated from %1 to %2.</translation>
    </message>
    <message>
        <source>Die neue Version kann nicht abgelegt werden.</source>
        <translation>The new version cannot be stored.</translation>
    </message>
    <message>
        <source>Die neue Version %1 ließ sich nicht einsetzen; tiservice bleibt bei %2.</source>
        <translation>The new version %1 could not be put in place; tiservice stays at %2.</translation>
    </message>
</context>
<context>
    <name>service_directory</name>
    <message>
        <source>Die Dienstbeschreibung des Konnektors (connector.sds) ist unvollständig oder beschädigt: %1</source>
        <translation>The connector&apos;s service directory (connector.sds) is incomplete or damaged: %1</translation>
    </message>
    <message>
        <source>Prüfen, ob die Adresse wirklich auf den Konnektor zeigt; bleibt der Fehler, den Support anrufen.</source>
        <translation>Check that the address really points to the connector; if it persists, call support.</translation>
    </message>
    <message>
        <source>Der Konnektor verlangt eine verschlüsselte Verbindung (TLS) mit Client-Zertifikat; eingestellt ist eine unverschlüsselte.</source>
        <translation>The connector requires an encrypted connection (TLS) with a client certificate; an unencrypted one is set.</translation>
    </message>
    <message>
        <source>Der Konnektor verlangt eine verschlüsselte Verbindung (TLS); eingestellt ist eine unverschlüsselte.</source>
        <translation>The connector requires an encrypted connection (TLS); an unencrypted one is set.</translation>
    </message>
    <message>
        <source>In den Einstellungen [tls] mode = client-certificate mit dem im Konnektor exportierten Client-Zertifikat (.p12) eintragen und die Adresse mit https:// beginnen lassen.</source>
        <translation>In the settings, enter [tls] mode = client-certificate with the client certificate (.p12) exported from the connector, and let the address begin with https://.</translation>
    </message>
    <message>
        <source>In den Einstellungen [tls] mode = server mit der CA-Datei des Konnektors eintragen und die Adresse mit https:// beginnen lassen.</source>
        <translation>In the settings, enter [tls] mode = server with the connector&apos;s CA file, and let the address begin with https://.</translation>
    </message>
    <message>
        <source>Der Konnektor nennt für den Dienst %1 keine verschlüsselte Adresse.</source>
        <translation>The connector names no encrypted address for the service %1.</translation>
    </message>
    <message>
        <source>Im Konnektor TLS für Clientsysteme einschalten oder den Support anrufen.</source>
        <translation>Switch on TLS for client systems in the connector, or call support.</translation>
    </message>
    <message>
        <source>Die Dienstbeschreibung des Konnektors nennt für %1 eine unverschlüsselte Adresse (%2), obwohl eine verschlüsselte Verbindung eingestellt ist. tiservice schickt nichts unverschlüsselt und fragt dort nicht an.</source>
        <translation>The connector&apos;s service directory names an unencrypted address for %1 (%2) although an encrypted connection is set. tiservice sends nothing unencrypted and does not call it.</translation>
    </message>
    <message>
        <source>Die Einstellungen des Konnektors für Clientsysteme prüfen lassen (Support).</source>
        <translation>Have the connector&apos;s settings for client systems checked (support).</translation>
    </message>
    <message>
        <source>die Antwort ist kein lesbares XML</source>
        <translation>the answer is not readable XML</translation>
    </message>
    <message>
        <source>unter der Adresse antwortet eine Webseite, nicht der Konnektor</source>
        <translation>a web page answers at the address, not the connector</translation>
    </message>
    <message>
        <source>die Antwort ist keine Dienstbeschreibung eines Konnektors</source>
        <translation>the answer is not a connector&apos;s service directory</translation>
    </message>
    <message>
        <source>die Produktangaben fehlen</source>
        <translation>the product information is missing</translation>
    </message>
    <message>
        <source>die Hersteller- oder Produktkennung fehlt</source>
        <translation>the vendor or product id is missing</translation>
    </message>
    <message>
        <source>die Firmware-Version fehlt oder ist ungültig</source>
        <translation>the firmware version is missing or not valid</translation>
    </message>
    <message>
        <source>die Liste der Dienste fehlt</source>
        <translation>the list of services is missing</translation>
    </message>
    <message>
        <source>eine Dienstadresse ist ungültig („%1“)</source>
        <translation>a service address is not valid (&quot;%1&quot;)</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Die Einstellungen (%1, %2) sind ungültig: %3</source>
        <translation>The settings (%1, %2) are not valid: %3</translation>
    </message>
    <message>
        <source>Die Einstellung korrigieren; die Beispiel-Datei steht im README.</source>
        <translation>Correct the setting; the README shows an example file.</translation>
    </message>
    <message>
        <source>ein Abschnitt muss [name] heißen</source>
        <translation>a section must read [name]</translation>
    </message>
    <message>
        <source>erwartet wird name = wert</source>
        <translation>expected name = value</translation>
    </message>
    <message>
        <source>Die Einstellungsdatei %1 fehlt oder ist nicht lesbar.</source>
        <translation>The settings file %1 is missing or cannot be read.</translation>
    </message>
    <message>
        <source>Die Datei anlegen (Beispiel im README) oder mit --config angeben.</source>
        <translation>Create the file (example in the README) or name it with --config.</translation>
    </message>
    <message>
        <source>die Adresse des Konnektors fehlt (z. B. https://192.168.1.10/connector.sds)</source>
        <translation>the connector&apos;s address is missing (e.g. https://192.168.1.10/connector.sds)</translation>
    </message>
    <message>
        <source>sie muss mit http:// oder https:// beginnen</source>
        <translation>it must start with http:// or https://</translation>
    </message>
    <message>
        <source>der Wert fehlt</source>
        <translation>the value is missing</translation>
    </message>
    <message>
        <source>höchstens 64 Zeichen erlaubt</source>
        <translation>at most 64 characters are allowed</translation>
    </message>
    <message>
        <source>erwartet: true oder false</source>
        <translation>expected: true or false</translation>
    </message>
    <message>
        <source>erlaubt: none, server, basic, client-certificate</source>
        <translation>allowed: none, server, basic, client-certificate</translation>
    </message>
    <message>
        <source>der Benutzername fehlt</source>
        <translation>the user name is missing</translation>
    </message>
    <message>
        <source>die .p12-Datei fehlt</source>
        <translation>the .p12 file is missing</translation>
    </message>
    <message>
        <source>mit TLS muss die Adresse mit https:// beginnen</source>
        <translation>with TLS the address must start with https://</translation>
    </message>
    <message>
        <source>Passwörter gehören nicht in diese Datei; bitte eine Passwort-Datei angeben</source>
        <translation>passwords do not belong in this file; please name a password file</translation>
    </message>
    <message>
        <source>erlaubt: cgm oder self</source>
        <translation>allowed: cgm or self</translation>
    </message>
    <message>
        <source>%1: die Datei %2 fehlt oder ist nicht lesbar.</source>
        <translation>%1: the file %2 is missing or cannot be read.</translation>
    </message>
    <message>
        <source>Pfad und Rechte der Passwort-Datei prüfen.</source>
        <translation>Check the password file&apos;s path and permissions.</translation>
    </message>
    <message>
        <source>ohne TLS (mode = none) muss die Adresse mit http:// beginnen</source>
        <translation>without TLS (mode = none) the address must begin with http://</translation>
    </message>
    <message>
        <source>erlaubt ist eine ganze Zahl von %1 bis %2, nicht &quot;%3&quot;</source>
        <translation>allowed is a whole number from %1 to %2, not &quot;%3&quot;</translation>
    </message>
    <message>
        <source>darf nicht kleiner als poll_interval_ms sein</source>
        <translation>must not be smaller than poll_interval_ms</translation>
    </message>
    <message>
        <source>erwartet wird zum Beispiel Mo-Fr 08:00-18:00, nicht &quot;%1&quot;</source>
        <translation>expected is for example Mo-Fr 08:00-18:00, not &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Die Einstellung „%1“ in den TI-Einstellungen der Praxissoftware korrigieren.</source>
        <translation>Correct the setting “%1” in the practice software&apos;s TI settings.</translation>
    </message>
    <message>
        <source>erlaubt sind stable, beta und off</source>
        <translation>allowed are stable, beta and off</translation>
    </message>
    <message>
        <source>Name und Passwort gehören nicht in die Adresse; das Passwort steht in einer Passwort-Datei, die [tls] nennt</source>
        <translation>a name and password do not belong in the address; the password goes in a password file named in [tls]</translation>
    </message>
    <message>
        <source>Zeile %1</source>
        <translation>line %1</translation>
    </message>
    <message>
        <source>Die Einstellungsdatei %1 ist größer als 1 MB; so groß ist keine.</source>
        <translation>The settings file %1 is larger than 1 MB; no settings file is that large.</translation>
    </message>
    <message>
        <source>Die richtige Datei mit --config angeben.</source>
        <translation>Name the right file with --config.</translation>
    </message>
</context>
<context>
    <name>setup_command</name>
    <message>
        <source>tiservice setup [--config DATEI] [--answers DATEI]

  Richtet tiservice ein: fragt nach der Adresse des Konnektors (und prüft, wer dort antwortet),
  Mandant, Clientsystem und Arbeitsplatz, der Art der Verbindung (TLS) und wer den Konnektor
  installiert hat, und schreibt die Einstellungen nach DATEI.

  --config DATEI   wohin die Einstellungen geschrieben werden (Standard:
                   &lt;Konfigurationsordner&gt;/tiservice.ini); eine vorhandene Datei wird nur nach
                   Rückfrage ersetzt
  --answers DATEI  Antworten aus einer JSON-Datei statt vom Terminal

  Rückgabewerte: 0 geschrieben, 1 abgebrochen, 3 nicht möglich
</source>
        <translation>tiservice setup [--config FILE] [--answers FILE]

  Sets tiservice up: asks for the connector&apos;s address (and checks who answers there), the
  Mandant, client system and workplace, the kind of connection (TLS) and who installed the
  connector, and writes the settings to FILE.

  --config FILE    where the settings are written (default:
                   &lt;configuration folder&gt;/tiservice.ini); an existing file is only replaced
                   after asking
  --answers FILE   answers from a JSON file instead of the terminal

  Exit codes: 0 written, 1 cancelled, 3 could not be done
</translation>
    </message>
    <message>
        <source>Es gibt schon Einstellungen in %1. Ersetzen?</source>
        <translation>There are settings in %1 already. Replace them?</translation>
    </message>
    <message>
        <source>Ja, ersetzen</source>
        <translation>Yes, replace</translation>
    </message>
    <message>
        <source>Nein, behalten</source>
        <translation>No, keep them</translation>
    </message>
    <message>
        <source>Adresse des Konnektors (z. B. 192.168.1.10 oder https://konnektor.praxis/connector.sds)</source>
        <translation>Address of the connector (e.g. 192.168.1.10 or https://konnektor.praxis/connector.sds)</translation>
    </message>
    <message>
        <source>Wie sichert der Konnektor die Verbindung?</source>
        <translation>How does the connector secure the connection?</translation>
    </message>
    <message>
        <source>TLS: der Konnektor weist sich mit seinem Zertifikat aus</source>
        <translation>TLS: the connector proves itself with its certificate</translation>
    </message>
    <message>
        <source>TLS mit Client-Zertifikat: auch dieser PC weist sich aus</source>
        <translation>TLS with a client certificate: this PC proves itself too</translation>
    </message>
    <message>
        <source>Datei mit dem CA-Zertifikat des Konnektors (PEM)</source>
        <translation>File with the connector&apos;s CA certificate (PEM)</translation>
    </message>
    <message>
        <source>Datei mit dem Client-Zertifikat dieses PCs (.p12)</source>
        <translation>File with this PC&apos;s client certificate (.p12)</translation>
    </message>
    <message>
        <source>Datei, in der das Passwort des Client-Zertifikats steht (leer: bei jedem Start fragen)</source>
        <translation>File holding the client certificate&apos;s password (empty: ask at every start)</translation>
    </message>
    <message>
        <source>Konnektor gefunden</source>
        <translation>Connector found</translation>
    </message>
    <message>
        <source>Unter %1 antwortet %2 mit Firmware %3.</source>
        <translation>At %1, %2 answers with firmware %3.</translation>
    </message>
    <message>
        <source>Konnektor nicht erreicht</source>
        <translation>Connector not reached</translation>
    </message>
    <message>
        <source>Die Einstellungen trotzdem so schreiben?</source>
        <translation>Write the settings like this anyway?</translation>
    </message>
    <message>
        <source>Ja, schreiben (später prüfen)</source>
        <translation>Yes, write them (check later)</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Mandant (wie im Konnektor eingerichtet)</source>
        <translation>Mandant (as set up in the connector)</translation>
    </message>
    <message>
        <source>Clientsystem</source>
        <translation>Client system</translation>
    </message>
    <message>
        <source>Arbeitsplatz dieses PCs</source>
        <translation>This PC&apos;s workplace</translation>
    </message>
    <message>
        <source>Wer hat den Konnektor installiert?</source>
        <translation>Who installed the connector?</translation>
    </message>
    <message>
        <source>Ein Techniker von CGM</source>
        <translation>A CGM technician</translation>
    </message>
    <message>
        <source>Die Praxis selbst (über koco-shop.de gekauft)</source>
        <translation>The practice itself (bought via koco-shop.de)</translation>
    </message>
    <message>
        <source>Geschrieben von tiservice setup.</source>
        <translation>Written by tiservice setup.</translation>
    </message>
    <message>
        <source>Einstellungen geschrieben: %1. Als Nächstes: tiservice status</source>
        <translation>Settings written: %1. Next: tiservice status</translation>
    </message>
</context>
<context>
    <name>state_lock</name>
    <message>
        <source>Der Datenordner %1 kann nicht gesperrt werden.</source>
        <translation>The data folder %1 cannot be locked.</translation>
    </message>
    <message>
        <source>Schreibrechte und freien Speicherplatz des Ordners prüfen.</source>
        <translation>Check the folder&apos;s write permissions and free disk space.</translation>
    </message>
    <message>
        <source>tiservice arbeitet auf diesem PC schon (%1, Prozess %2); zwei gleichzeitig könnten das Update-Archiv durcheinanderbringen.</source>
        <translation>tiservice is already working on this PC (%1, process %2); two at once could muddle the update archive.</translation>
    </message>
    <message>
        <source>Warten, bis das andere fertig ist, und dann noch einmal versuchen.</source>
        <translation>Wait until the other one is done, then try again.</translation>
    </message>
</context>
<context>
    <name>status_command</name>
    <message>
        <source>verbunden</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>NICHT verbunden</source>
        <translation>NOT connected</translation>
    </message>
    <message>
        <source>Konnektor und Kartenterminals prüfen: was ist zu tun, bis wann?</source>
        <translation>check the connector and card terminals: what needs doing, by when?</translation>
    </message>
    <message>
        <source>durch das Update führen: anmelden, planen, installieren, begleiten, eintragen</source>
        <translation>guide through the update: sign in, plan, install, follow, record</translation>
    </message>
    <message>
        <source>Admin-Passwort des Konnektors ändern</source>
        <translation>change the connector&apos;s admin password</translation>
    </message>
    <message>
        <source>Update-Archiv anzeigen (Nachweis der Wartung)</source>
        <translation>show the update archive (proof of maintenance)</translation>
    </message>
    <message>
        <source>Prüfung nicht möglich: </source>
        <translation>Could not check: </translation>
    </message>
    <message>
        <source>Prüfung vom </source>
        <translation>Check of </translation>
    </message>
    <message>
        <source>VPN zur TI: </source>
        <translation>VPN to the TI: </translation>
    </message>
    <message>
        <source>Zulassungskatalog vom </source>
        <translation>Approval catalog of </translation>
    </message>
    <message>
        <source>, eben geprüft</source>
        <translation>, just verified</translation>
    </message>
    <message>
        <source>, zuletzt geprüft am </source>
        <translation>, last verified on </translation>
    </message>
    <message>
        <source>vor %1 Tagen</source>
        <translation>%1 days ago</translation>
    </message>
    <message>
        <source>  Hinweis: </source>
        <translation>  Note: </translation>
    </message>
    <message>
        <source>Zulassungskatalog: nicht verfügbar – </source>
        <translation>Approval catalog: not available – </translation>
    </message>
    <message>
        <source>Komponente</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>installiert</source>
        <translation>installed</translation>
    </message>
    <message>
        <source>empfohlen</source>
        <translation>recommended</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Alles aktuell. Es ist nichts zu tun.</source>
        <translation>Everything is current. Nothing to do.</translation>
    </message>
    <message>
        <source>Zu tun:</source>
        <translation>To do:</translation>
    </message>
    <message>
        <source>TI-Komponenten: Handlungsbedarf</source>
        <translation>TI components: action needed</translation>
    </message>
    <message>
        <source>Prüfung unvollständig: ohne geprüften Zulassungskatalog lässt sich nicht sagen, ob die Versionen zugelassen sind. </source>
        <translation>Check incomplete: without a verified approval catalog it cannot be said whether the versions are approved. </translation>
    </message>
    <message>
        <source>Konnektor: %1 (%2), Firmware %3, Hardware %4 – %5</source>
        <translation>Connector: %1 (%2), firmware %3, hardware %4 – %5</translation>
    </message>
    <message>
        <source>Systeminformationsdienst (EventService %1): %2</source>
        <translation>System information service (EventService %1): %2</translation>
    </message>
    <message>
        <source> · sicherer Internetzugang (SIS): </source>
        <translation> · secure internet service (SIS): </translation>
    </message>
    <message>
        <source>nicht verbunden (ohne gebuchten SIS-Dienst normal)</source>
        <translation>not connected (normal without a booked SIS service)</translation>
    </message>
    <message>
        <source>Hinweise:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Begonnenes Update: </source>
        <translation>Update in progress: </translation>
    </message>
    <message>
        <source>tiservice status [--config DATEI] [--json] [--notify]

  Liest Konnektor und Kartenterminals (connector.sds, EventService) und prüft sie gegen den
  Zulassungskatalog des Herstellers.

  --config DATEI  Einstellungen (Standard: &lt;Konfigurationsordner&gt;/tiservice.ini)
  --json          Ausgabe für Programme
  --notify        zusätzlich eine Desktop-Benachrichtigung über notify-send, wenn etwas zu tun ist

  Rückgabewerte: 0 aktuell, 1 Handlungsbedarf, 2 abgelaufen oder gesperrt, 3 Prüfung nicht möglich
</source>
        <translation>tiservice status [--config FILE] [--json] [--notify]

  Reads the connector and card terminals (connector.sds, EventService) and checks them against
  the vendor&apos;s approval catalog.

  --config FILE   settings (default: &lt;configuration folder&gt;/tiservice.ini)
  --json          output for programs
  --notify        also raise a desktop notification through notify-send when something needs doing

  Exit codes: 0 current, 1 action needed, 2 expired or blocked, 3 could not check
</translation>
    </message>
    <message>
        <source>Support: %1</source>
        <translation>Support: %1</translation>
    </message>
    <message>
        <source>einrichten: Konnektor suchen, Einstellungen schreiben</source>
        <translation>set up: find the connector, write the settings</translation>
    </message>
    <message>
        <source>heute</source>
        <translation>today</translation>
    </message>
    <message>
        <source>gestern</source>
        <translation>yesterday</translation>
    </message>
    <message>
        <source>geplantes Update verschieben oder absagen, an jedem Arbeitsplatz</source>
        <translation>move or cancel the planned update, at any workstation</translation>
    </message>
    <message>
        <source>Update starten oder planen: tiservice update</source>
        <translation>To start or plan the update: tiservice update</translation>
    </message>
    <message>
        <source>kein Update verfügbar</source>
        <translation>no update available</translation>
    </message>
    <message>
        <source>für Dienstleister: die Konnektoren vieler Praxen auf einmal prüfen</source>
        <translation>for service providers: check the connectors of many practices at once</translation>
    </message>
</context>
<context>
    <name>terminal_ui</name>
    <message>
        <source>, noch etwa %1 min</source>
        <translation>, about %1 min left</translation>
    </message>
    <message>
        <source>(keine Antwort in der Antwortdatei: abgebrochen)</source>
        <translation>(no answer in the answers file: cancelled)</translation>
    </message>
</context>
<context>
    <name>tiservice-repo</name>
    <message>
        <source>%1 erwartet ROLLE=%2</source>
        <translation>%1 expects ROLE=%2</translation>
    </message>
    <message>
        <source>--key-type erwartet ed25519, ecdsa oder rsa</source>
        <translation>--key-type expects ed25519, ecdsa or rsa</translation>
    </message>
    <message>
        <source>TAGE</source>
        <translation>DAYS</translation>
    </message>
    <message>
        <source>unerwartetes Argument %1</source>
        <translation>unexpected argument %1</translation>
    </message>
    <message>
        <source>Vertrauensbasis: %1</source>
        <translation>Trust anchor: %1</translation>
    </message>
    <message>
        <source>Aufruf: add-target DATEI --path ZIELPFAD</source>
        <translation>usage: add-target FILE --path TARGET_PATH</translation>
    </message>
    <message>
        <source>--custom ist kein JSON-Objekt</source>
        <translation>--custom is not a JSON object</translation>
    </message>
    <message>
        <source>Aufruf: remove-target --path ZIELPFAD</source>
        <translation>usage: remove-target --path TARGET_PATH</translation>
    </message>
    <message>
        <source>Aufruf: delegate --name ROLLE --paths MUSTER[,MUSTER]</source>
        <translation>usage: delegate --name ROLE --paths PATTERN[,PATTERN]</translation>
    </message>
    <message>
        <source>Aufruf: rotate-key --role ROLLE</source>
        <translation>usage: rotate-key --role ROLE</translation>
    </message>
    <message>
        <source>unbekannter Befehl %1</source>
        <translation>unknown command %1</translation>
    </message>
    <message>
        <source>%1 erwartet eine Zahl ab 1, nicht &quot;%2&quot;</source>
        <translation>%1 expects a number from 1 up, not &quot;%2&quot;</translation>
    </message>
    <message>
        <source>tiservice-repo – Update-Repository des Herstellers (TUF) anlegen, füllen, signieren

  tiservice-repo --repo ORDNER init [--key-type ed25519|ecdsa|rsa] [--threshold ROLLE=N] [--keys ROLLE=N]
                 [--expires ROLLE=TAGE] [--no-consistent-snapshot] [--target-hashes sha256[,sha512]]
        Schlüssel je Rolle erzeugen (PEM, Modus 0600) und Version 1 veröffentlichen. Jede Datei
        wird mit SHA-256 verzeichnet (mit --target-hashes sha256,sha512 zusätzlich mit SHA-512).
  tiservice-repo --repo ORDNER add-target DATEI --path ZIELPFAD [--custom JSON] [--role ROLLE]
  tiservice-repo --repo ORDNER remove-target --path ZIELPFAD [--role ROLLE]
  tiservice-repo --repo ORDNER add-release ARCHIV.tar.gz --version VERSION [--platform PLATTFORM]
                 [--channel stable|beta]
        eine neue Version von tiservice anbieten (Standard: linux-x86_64, stable); jede Installation
        findet sie beim nächsten Start unter releases/KANAL/PLATTFORM/tiservice.tar.gz
  tiservice-repo --repo ORDNER delegate --name ROLLE --paths MUSTER[,MUSTER] [--terminating]
                 [--threshold N] [--keys N] [--from ROLLE]
  tiservice-repo --repo ORDNER publish            geänderte Rollen signieren, Snapshot und Timestamp erneuern
  tiservice-repo --repo ORDNER rotate-key --role ROLLE   Schlüssel einer Rolle ersetzen
  tiservice-repo --repo ORDNER renew-timestamp    neuen Timestamp signieren

ROLLE: root, timestamp, snapshot, targets oder eine delegierte Rolle.
Veröffentlicht wird nach ORDNER/published/{metadata,targets}; der Update-Server liefert diesen Ordner aus.
Die Vertrauensbasis für Installer ist ORDNER/published/metadata/1.root.json.
</source>
        <translation>tiservice-repo – create, fill and sign the vendor&apos;s update repository (TUF)

  tiservice-repo --repo DIR init [--key-type ed25519|ecdsa|rsa] [--threshold ROLE=N] [--keys ROLE=N]
                 [--expires ROLE=DAYS] [--no-consistent-snapshot] [--target-hashes sha256[,sha512]]
        create keys per role (PEM, mode 0600) and publish version 1. Every file is listed with
        SHA-256 (with --target-hashes sha256,sha512 also with SHA-512).
  tiservice-repo --repo DIR add-target FILE --path TARGET_PATH [--custom JSON] [--role ROLE]
  tiservice-repo --repo DIR remove-target --path TARGET_PATH [--role ROLE]
  tiservice-repo --repo DIR add-release ARCHIVE.tar.gz --version VERSION [--platform PLATFORM]
                 [--channel stable|beta]
        offer a new version of tiservice (default: linux-x86_64, stable); every installation
        finds it at its next start under releases/CHANNEL/PLATFORM/tiservice.tar.gz
  tiservice-repo --repo DIR delegate --name ROLE --paths PATTERN[,PATTERN] [--terminating]
                 [--threshold N] [--keys N] [--from ROLE]
  tiservice-repo --repo DIR publish            sign changed roles, renew snapshot and timestamp
  tiservice-repo --repo DIR rotate-key --role ROLE   replace a role&apos;s keys
  tiservice-repo --repo DIR renew-timestamp    sign a new timestamp

ROLE: root, timestamp, snapshot, targets or a delegated role.
Published to DIR/published/{metadata,targets}; the update server serves that folder.
The trust anchor for installers is DIR/published/metadata/1.root.json.
</translation>
    </message>
    <message>
        <source>Aufruf: add-release ARCHIV.tar.gz --version VERSION (z. B. 1.3.0)</source>
        <translation>Usage: add-release ARCHIVE.tar.gz --version VERSION (e.g. 1.3.0)</translation>
    </message>
    <message>
        <source>--channel erwartet stable oder beta</source>
        <translation>--channel expects stable or beta</translation>
    </message>
</context>
<context>
    <name>tiservice-tuf</name>
    <message>
        <source>tiservice-tuf – prüft Update-Daten des Herstellers nach The Update Framework (TUF 1.0)

  tiservice-tuf --metadata-dir ORDNER init ROOT_DATEI
        ROOT_DATEI als vertrauenswürdigen Startpunkt übernehmen (wird ORDNER/root.json); kein Netz.
  tiservice-tuf --metadata-dir ORDNER --metadata-url URL refresh
        Metadaten nach dem TUF-Client-Ablauf aktualisieren.
  tiservice-tuf --metadata-dir ORDNER --metadata-url URL --target-name PFAD [--target-name PFAD ...]
                --target-base-url URL --target-dir ORDNER download
        aktualisieren, dann jede Datei in der angegebenen Reihenfolge nach ORDNER/PFAD laden und
        prüfen; beim ersten Fehler aufhören.

Optionen:
  --ca-file DATEI  vertrauenswürdige CA für https:// (sonst der Systemspeicher oder SSL_CERT_FILE)
  --lang de|en     Sprache der Meldungen
  -h, --help       diese Hilfe

Rückgabewerte: 0 alles erfolgreich, 1 Fehler (der Grund steht auf stderr).
</source>
        <translation>tiservice-tuf – verifies the vendor&apos;s update data with The Update Framework (TUF 1.0)

  tiservice-tuf --metadata-dir DIR init ROOT_FILE
        trust ROOT_FILE as the starting point (it becomes DIR/root.json); no network.
  tiservice-tuf --metadata-dir DIR --metadata-url URL refresh
        update the metadata following the TUF client workflow.
  tiservice-tuf --metadata-dir DIR --metadata-url URL --target-name PATH [--target-name PATH ...]
                --target-base-url URL --target-dir DIR download
        refresh, then download and verify each target in the given order into DIR/PATH; stop at
        the first failure.

Options:
  --ca-file FILE   trusted CA for https:// (else the system store or SSL_CERT_FILE)
  --lang de|en     language of messages
  -h, --help       this help

Exit codes: 0 full success, 1 failure (the reason is on stderr).
</translation>
    </message>
    <message>
        <source>--lang erwartet de oder en</source>
        <translation>--lang expects de or en</translation>
    </message>
    <message>
        <source>unerwartetes Argument %1</source>
        <translation>unexpected argument %1</translation>
    </message>
    <message>
        <source>Befehl fehlt</source>
        <translation>missing command</translation>
    </message>
    <message>
        <source>--metadata-dir fehlt</source>
        <translation>--metadata-dir is missing</translation>
    </message>
    <message>
        <source>init braucht ROOT_DATEI</source>
        <translation>init needs ROOT_FILE</translation>
    </message>
    <message>
        <source>unbekannter Befehl %1</source>
        <translation>unknown command %1</translation>
    </message>
    <message>
        <source>--metadata-url fehlt</source>
        <translation>--metadata-url is missing</translation>
    </message>
    <message>
        <source>download braucht --target-name, --target-base-url und --target-dir</source>
        <translation>download needs --target-name, --target-base-url and --target-dir</translation>
    </message>
</context>
<context>
    <name>tuf_client</name>
    <message>
        <source>Der Update-Server</source>
        <translation>The update server</translation>
    </message>
    <message>
        <source>sie ist seit %1 abgelaufen (möglicher Einfrier-Angriff)</source>
        <translation>it expired on %1 (possible freeze attack)</translation>
    </message>
    <message>
        <source>angeboten wird Version %1, vertraut ist schon %2 (möglicher Rückfall-Angriff)</source>
        <translation>version %1 is offered but %2 is already trusted (possible rollback attack)</translation>
    </message>
    <message>
        <source>die Signaturen reichen nicht aus</source>
        <translation>not enough valid signatures</translation>
    </message>
    <message>
        <source>die Datei ist größer als erlaubt (%1 Bytes)</source>
        <translation>the file is larger than allowed (%1 bytes)</translation>
    </message>
    <message>
        <source>der Update-Server antwortet mit HTTP %1</source>
        <translation>the update server answers HTTP %1</translation>
    </message>
    <message>
        <source>sie kann nicht gespeichert werden</source>
        <translation>it cannot be saved</translation>
    </message>
    <message>
        <source>Version %1 statt %2</source>
        <translation>version %1 instead of %2</translation>
    </message>
    <message>
        <source>%1 fehlt nun</source>
        <translation>%1 is missing now</translation>
    </message>
    <message>
        <source>die Länge stimmt nicht (%1 statt %2 Bytes)</source>
        <translation>the length does not match (%1 instead of %2 bytes)</translation>
    </message>
    <message>
        <source>die Prüfsumme (%1) stimmt nicht</source>
        <translation>the checksum (%1) does not match</translation>
    </message>
    <message>
        <source>sie fehlt im Snapshot</source>
        <translation>it is missing from the snapshot</translation>
    </message>
    <message>
        <source>es ist kein vertrauenswürdiger Startpunkt (root.json) eingerichtet</source>
        <translation>no trusted starting point (root.json) is set up</translation>
    </message>
    <message>
        <source>die Metadaten sind nicht aktuell</source>
        <translation>the metadata is not current</translation>
    </message>
    <message>
        <source>die Datei &quot;%1&quot; ist dort nicht verzeichnet</source>
        <translation>the file &quot;%1&quot; is not listed</translation>
    </message>
    <message>
        <source>keine bekannte Prüfsummenart</source>
        <translation>no known checksum type</translation>
    </message>
    <message>
        <source>die Länge stimmt nicht</source>
        <translation>the length does not match</translation>
    </message>
    <message>
        <source>es kommen mehr Daten als angekündigt</source>
        <translation>more data arrives than announced</translation>
    </message>
    <message>
        <source>Die Internetverbindung dieses PCs und die Adresse des Update-Servers in den Einstellungen prüfen.</source>
        <translation>Check this PC&apos;s internet connection and the update server&apos;s address in the settings.</translation>
    </message>
    <message>
        <source>Später noch einmal versuchen; bleibt es so, die Internetverbindung dieses PCs prüfen.</source>
        <translation>Try again later; if it stays so, check this PC&apos;s internet connection.</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source>Bitte eine der angebotenen Möglichkeiten wählen:</source>
        <translation>Please choose one of the options offered:</translation>
    </message>
    <message>
        <source>%1 „%2“</source>
        <translation>%1 “%2”</translation>
    </message>
    <message>
        <source>Antwort nicht erkannt</source>
        <translation>Answer not recognised</translation>
    </message>
</context>
<context>
    <name>update_command</name>
    <message>
        <source>--at erwartet eine Uhrzeit HH:MM, z. B. 19:30.</source>
        <translation>--at expects a time HH:MM, e.g. 19:30.</translation>
    </message>
    <message>
        <source>Das Update-Archiv ist leer.</source>
        <translation>The update archive is empty.</translation>
    </message>
    <message>
        <source>für %1</source>
        <translation>for %1</translation>
    </message>
    <message>
        <source>Update-Archiv</source>
        <translation>Update archive</translation>
    </message>
    <message>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Ereignis</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Komponente</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>%1 Zeile(n) des Archivs sind unvollständig oder unlesbar (etwa nach einem Stromausfall beim Schreiben); sie bleiben unverändert in %2.</source>
        <translation>%1 line(s) of the archive are incomplete or unreadable (for example after a power cut while writing); they stay unchanged in %2.</translation>
    </message>
    <message>
        <source>tiservice password [--config DATEI] [--answers DATEI]

  Ändert das Admin-Passwort des Konnektors, nach den Regeln seines Herstellers.

  --answers DATEI  Antworten aus einer JSON-Datei statt vom Terminal

  Rückgabewerte: 0 geändert, 1 abgebrochen, 2 nicht gelungen oder Support nötig, 3 nicht möglich
</source>
        <translation>tiservice password [--config FILE] [--answers FILE]

  Changes the connector&apos;s admin password, following its manufacturer&apos;s rules.

  --answers FILE   answers from a JSON file instead of the terminal

  Exit codes: 0 changed, 1 cancelled, 2 not changed or support needed, 3 could not start
</translation>
    </message>
    <message>
        <source>Wartungsnachweis geschrieben: %1 (zum Drucken im Browser öffnen)</source>
        <translation>Maintenance record written: %1 (open it in a browser to print)</translation>
    </message>
    <message>
        <source>tiservice history [--config DATEI] [--json] [--export DATEI.html] [--local]

  Zeigt das Update-Archiv, den Nachweis der Wartung: wer hat wann was aktualisiert, geplant,
  abgebrochen. Dazu liest es die Liste der Installationen im Konnektor (ohne Anmeldung), so
  dass jeder Arbeitsplatz dasselbe Archiv zeigt: auch was ein anderer Arbeitsplatz, das
  Auto-Update des Konnektors oder Ihr Dienstleister vor Ort installiert hat.

  --local               nur das Archiv dieses Arbeitsplatzes, ohne den Konnektor zu fragen
  --json                Ausgabe für Programme
  --export DATEI.html   den Wartungsnachweis als Seite zum Drucken schreiben (Praxis, Geräte,
                        Versionen, alle Updates)
</source>
        <translation>tiservice history [--config FILE] [--json] [--export FILE.html] [--local]

  Shows the update archive, the proof of maintenance: who updated, planned or cancelled what,
  and when. It reads the connector&apos;s list of installations (without signing in), so that
  every workstation shows the same archive: also what another workstation, the connector&apos;s
  auto-update or your local service partner installed.

  --local               only this workstation&apos;s archive, without asking the connector
  --json                output for programs
  --export FILE.html    write the proof of maintenance as a page to print (practice, devices,
                        versions, all updates)
</translation>
    </message>
    <message>
        <source>Nur die Einträge dieses Arbeitsplatzes (--local).</source>
        <translation>Only this workstation&apos;s entries (--local).</translation>
    </message>
    <message>
        <source>Die Liste der Installationen im Konnektor war nicht zu lesen: %1 Gezeigt wird, was dieser Arbeitsplatz selbst eingetragen hat.</source>
        <translation>The connector&apos;s list of installations could not be read: %1 Shown is what this workstation recorded itself.</translation>
    </message>
    <message>
        <source>Gestartet von</source>
        <translation>Started by</translation>
    </message>
    <message>
        <source>tiservice plan [--config DATEI] [--answers DATEI] [--move HH:MM | --cancel]

  Geplantes Update ändern: zeigt, was im Konnektor geplant ist (wer es wann geplant hat), und
  verschiebt oder sagt es ab – an jedem Arbeitsplatz, auch ein Update, das ein anderer
  Arbeitsplatz geplant hat. Ohne Option wird gefragt. Dazu ist die Anmeldung am Konnektor nötig,
  wie beim Planen.

  --move HH:MM     auf diese Uhrzeit verschieben (in der Sprechzeit wird gewarnt)
  --cancel         absagen (die Frist gilt weiter)
  --answers DATEI  Antworten aus einer JSON-Datei statt vom Terminal

  Rückgabewerte: 0 verschoben, abgesagt oder nichts geplant, 1 so gelassen oder abgebrochen,
  3 nicht möglich
</source>
        <translation>tiservice plan [--config FILE] [--answers FILE] [--move HH:MM | --cancel]

  Change the planned update: shows what the connector has planned (who planned it, and when),
  and moves or cancels it – at any workstation, also an update another workstation planned.
  Without an option it asks. This needs the sign-in at the connector, as planning does.

  --move HH:MM     move it to this time (a time in practice hours is warned about)
  --cancel         cancel it (the deadline still applies)
  --answers FILE   answers from a JSON file instead of the terminal

  Exit codes: 0 moved, cancelled or nothing planned, 1 left as it was or cancelled by you,
  3 not possible
</translation>
    </message>
    <message>
        <source>--move und --cancel schließen sich aus.</source>
        <translation>--move and --cancel exclude each other.</translation>
    </message>
    <message>
        <source>--move erwartet eine Uhrzeit HH:MM, z. B. 19:30.</source>
        <translation>--move expects a time HH:MM, e.g. 19:30.</translation>
    </message>
    <message>
        <source>tiservice update [--config DATEI] [--answers DATEI] [--at HH:MM | --mobile-terminal]

  Führt durch das Update: anmelden (abgelaufenes Passwort ändern), planen (Kartenterminals vor dem
  Konnektor), laden, bestätigen, starten, den Konnektor durch seine Neustarts begleiten, prüfen,
  im Update-Archiv eintragen. Ein unterbrochenes Update wird beim nächsten Start zu Ende verfolgt.

  --answers DATEI    Antworten aus einer JSON-Datei statt vom Terminal
  --at HH:MM         für diese Uhrzeit planen
  --mobile-terminal  das mobile Kartenterminal von diesem PC aus aktualisieren (Firmware und
                     CVC-Zertifikatsliste; Akku und Ladeschale werden vorher geprüft, eine
                     unterbrochene Übertragung geht dort weiter, wo sie stand)

  Rückgabewerte: 0 erledigt oder geplant, 1 abgebrochen oder an einem anderen Arbeitsplatz
  gestartet, 2 fehlgeschlagen oder Support nötig, 3 nicht möglich
</source>
        <translation>tiservice update [--config FILE] [--answers FILE] [--at HH:MM | --mobile-terminal]

  Guides through the update: log in (change an expired password), plan (card terminals before the
  connector), download, confirm, start, follow the connector through its restarts, verify,
  record it in the update archive. An interrupted update is followed up at the next start.

  --answers FILE     answers from a JSON file instead of the terminal
  --at HH:MM         plan it for this time
  --mobile-terminal  update the mobile card terminal from this PC (firmware and CVC
                     certificate list; battery and dock are checked first, an interrupted
                     transfer continues where it stopped)

  Exit codes: 0 done or planned, 1 cancelled or started at another workplace,
  2 failed or support needed, 3 could not start
</translation>
    </message>
    <message>
        <source>--at gilt für den Konnektor und die Kartenterminals; das mobile Kartenterminal wird sofort aktualisiert.</source>
        <translation>--at applies to the connector and the card terminals; the mobile card terminal is updated at once.</translation>
    </message>
    <message>
        <source>Der Ordner %1 für den Wartungsnachweis existiert nicht.</source>
        <translation>The folder %1 for the proof of maintenance does not exist.</translation>
    </message>
    <message>
        <source>Einen vorhandenen Ordner angeben.</source>
        <translation>Name a folder that exists.</translation>
    </message>
</context>
<context>
    <name>update_workflow</name>
    <message>
        <source>%1 um %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>Das Update kann nicht fortgesetzt werden</source>
        <translation>The update cannot continue</translation>
    </message>
    <message>
        <source>Abgebrochen</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Es wurde nichts installiert.</source>
        <translation>Nothing was installed.</translation>
    </message>
    <message>
        <source>Abgebrochen; es wurde nichts installiert.</source>
        <translation>Cancelled; nothing was installed.</translation>
    </message>
    <message>
        <source>Update im Konnektor starten</source>
        <translation>Start the update in the connector</translation>
    </message>
    <message>
        <source>Journal beschädigt</source>
        <translation>Journal damaged</translation>
    </message>
    <message>
        <source>geplant für %1</source>
        <translation>planned for %1</translation>
    </message>
    <message>
        <source>läuft gerade</source>
        <translation>is running now</translation>
    </message>
    <message>
        <source>Ein Update von %1 auf %2 %3 – gestartet vom Clientsystem %4 am Arbeitsplatz %5. Hier wird kein zweites gestartet.</source>
        <translation>An update of %1 to %2 %3 – started by client system %4 at workplace %5. No second one is started here.</translation>
    </message>
    <message>
        <source>Update läuft bereits</source>
        <translation>Update already under way</translation>
    </message>
    <message>
        <source>Benutzername am Konnektor</source>
        <translation>User name at the connector</translation>
    </message>
    <message>
        <source>Passwort für %1 am Konnektor</source>
        <translation>Password for %1 at the connector</translation>
    </message>
    <message>
        <source>Passwort abgelaufen</source>
        <translation>Password expired</translation>
    </message>
    <message>
        <source>Das Passwort des Konnektors ist abgelaufen und muss jetzt geändert werden.</source>
        <translation>The connector&apos;s password has expired and must be changed now.</translation>
    </message>
    <message>
        <source>Passwort falsch</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <source>Benutzername oder Passwort falsch. Noch %1 Versuch(e), dann wird die Anmeldung gesperrt.</source>
        <translation>Wrong user name or password. %1 attempt(s) left before sign-in is locked.</translation>
    </message>
    <message>
        <source>Zu viele Fehlversuche: die Anmeldung am Konnektor ist gesperrt bis %1. Ein vergessenes Passwort kann nur ein Techniker vor Ort zurücksetzen.</source>
        <translation>Too many failed attempts: sign-in at the connector is locked until %1. A forgotten password can only be reset by a technician on site.</translation>
    </message>
    <message>
        <source>Anmeldung gesperrt</source>
        <translation>Sign-in locked</translation>
    </message>
    <message>
        <source>Neues Passwort</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Neues Passwort wiederholen</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <source>Passwörter verschieden</source>
        <translation>Passwords differ</translation>
    </message>
    <message>
        <source>Die beiden Eingaben stimmen nicht überein.</source>
        <translation>The two entries do not match.</translation>
    </message>
    <message>
        <source>Passwort erfüllt die Regeln nicht</source>
        <translation>Password breaks the rules</translation>
    </message>
    <message>
        <source>Passwort geändert</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Das neue Passwort gilt ab sofort; es wird nirgends gespeichert.</source>
        <translation>The new password applies from now on; it is not stored anywhere.</translation>
    </message>
    <message>
        <source>Das Passwort wurde geändert.</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <source>Der Konnektor lehnt das Passwort ab</source>
        <translation>The connector refuses the password</translation>
    </message>
    <message>
        <source>Das bisherige Passwort wurde nicht angenommen.</source>
        <translation>The current password was not accepted.</translation>
    </message>
    <message>
        <source>Die Anmeldung am Konnektor ist gesperrt.</source>
        <translation>Sign-in at the connector is locked.</translation>
    </message>
    <message>
        <source>Wann soll installiert werden?</source>
        <translation>When should it be installed?</translation>
    </message>
    <message>
        <source>Jetzt</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Heute Abend, %1</source>
        <translation>This evening, %1</translation>
    </message>
    <message>
        <source>Zu einer anderen Uhrzeit</source>
        <translation>At another time</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Uhrzeit (HH:MM)</source>
        <translation>Time (HH:MM)</translation>
    </message>
    <message>
        <source>Uhrzeit ungültig</source>
        <translation>Invalid time</translation>
    </message>
    <message>
        <source>Bitte die Uhrzeit als HH:MM eingeben, z. B. 19:30.</source>
        <translation>Please enter the time as HH:MM, e.g. 19:30.</translation>
    </message>
    <message>
        <source>Es ist Sprechzeit</source>
        <translation>It is office hours</translation>
    </message>
    <message>
        <source>Trotzdem jetzt installieren?</source>
        <translation>Install now anyway?</translation>
    </message>
    <message>
        <source>Ja, jetzt</source>
        <translation>Yes, now</translation>
    </message>
    <message>
        <source>Download nicht möglich</source>
        <translation>Download not possible</translation>
    </message>
    <message>
        <source>Bitte später noch einmal versuchen.</source>
        <translation>Please try again later.</translation>
    </message>
    <message>
        <source>Der Konnektor lädt %1 %2</source>
        <translation>The connector downloads %1 %2</translation>
    </message>
    <message>
        <source>Beendet.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>Der Download kommt nicht voran. Bitte später noch einmal versuchen.</source>
        <translation>The download does not progress. Please try again later.</translation>
    </message>
    <message>
        <source>Download hängt</source>
        <translation>Download stalled</translation>
    </message>
    <message>
        <source>Der Konnektor startet neu … bitte nicht ausschalten</source>
        <translation>The connector restarts … do not switch it off</translation>
    </message>
    <message>
        <source>%1 wird installiert</source>
        <translation>%1 is being installed</translation>
    </message>
    <message>
        <source>Wartet auf den geplanten Zeitpunkt</source>
        <translation>Waiting for the planned time</translation>
    </message>
    <message>
        <source>Beendet; das Update läuft im Konnektor weiter und wird beim nächsten Start weiterverfolgt.</source>
        <translation>Stopped; the update goes on in the connector and is followed up at the next start.</translation>
    </message>
    <message>
        <source>Update installiert</source>
        <translation>Update installed</translation>
    </message>
    <message>
        <source>%1 läuft jetzt mit Version %2.</source>
        <translation>%1 now runs version %2.</translation>
    </message>
    <message>
        <source>Installation fehlgeschlagen</source>
        <translation>Installation failed</translation>
    </message>
    <message>
        <source>Der Konnektor meldet nach der Installation einen Defekt. Den Konnektor NICHT vom Strom trennen und NICHT neu starten. Bitte sofort anrufen: %1</source>
        <translation>The connector reports a defect after the installation. Do NOT unplug or restart the connector. Please call now: %1</translation>
    </message>
    <message>
        <source>Sofort den Support anrufen</source>
        <translation>Call support now</translation>
    </message>
    <message>
        <source>Der Konnektor startet das Update nicht: %1</source>
        <translation>The connector does not start the update: %1</translation>
    </message>
    <message>
        <source>Update nicht gestartet</source>
        <translation>Update not started</translation>
    </message>
    <message>
        <source>Das Update ist für %1 geplant. Der Konnektor installiert dann allein; der PC darf ausgeschaltet sein. Den Konnektor in dieser Zeit nicht ausschalten.</source>
        <translation>The update is planned for %1. The connector then installs on its own; the PC may be switched off. Do not switch the connector off during that time.</translation>
    </message>
    <message>
        <source>Update geplant</source>
        <translation>Update planned</translation>
    </message>
    <message>
        <source>Ein Update ist unterwegs, aber der Konnektor antwortet gerade nicht. Er startet vielleicht neu. Bitte nicht ausschalten und gleich noch einmal prüfen.</source>
        <translation>An update is under way, but the connector does not answer right now. It may be restarting. Please do not switch it off and check again shortly.</translation>
    </message>
    <message>
        <source>Update unterwegs</source>
        <translation>Update under way</translation>
    </message>
    <message>
        <source>Begonnenes Update</source>
        <translation>Update in progress</translation>
    </message>
    <message>
        <source>Ein begonnenes Update wird weiterverfolgt.</source>
        <translation>An update that was begun is followed up.</translation>
    </message>
    <message>
        <source>Das begonnene Update ist abgeschlossen und im Update-Archiv eingetragen.</source>
        <translation>The update that was begun is complete and recorded in the update archive.</translation>
    </message>
    <message>
        <source>Der Konnektor meldet einen Defekt. Nicht vom Strom trennen; bitte sofort anrufen: %1</source>
        <translation>The connector reports a defect. Do not unplug it; please call now: %1</translation>
    </message>
    <message>
        <source>Das laufende Update ist abgeschlossen.</source>
        <translation>The running update is complete.</translation>
    </message>
    <message>
        <source>Der Konnektor bietet kein Update an: alles ist aktuell.</source>
        <translation>The connector offers no update: everything is current.</translation>
    </message>
    <message>
        <source>Alles aktuell</source>
        <translation>Everything current</translation>
    </message>
    <message>
        <source>Diese Updates stehen an, in dieser Reihenfolge:</source>
        <translation>These updates are due, in this order:</translation>
    </message>
    <message>
        <source>%1, bis zu 20 Minuten mit Neustarts</source>
        <translation>%1, up to 20 minutes with restarts</translation>
    </message>
    <message>
        <source>%1, etwa 5 Minuten</source>
        <translation>%1, about 5 minutes</translation>
    </message>
    <message>
        <source>Geplante Updates</source>
        <translation>Planned updates</translation>
    </message>
    <message>
        <source>für %1 planen</source>
        <translation>plan for %1</translation>
    </message>
    <message>
        <source>jetzt starten</source>
        <translation>start now</translation>
    </message>
    <message>
        <source>Ja, %1</source>
        <translation>Yes, %1</translation>
    </message>
    <message>
        <source>Kein begonnenes Update.</source>
        <translation>No update in progress.</translation>
    </message>
    <message>
        <source>Das begonnene Update ist abgeschlossen.</source>
        <translation>The update that was begun is complete.</translation>
    </message>
    <message>
        <source>Dem Auto-Update des Konnektors überlassen (%1)</source>
        <translation>Leave it to the connector&apos;s auto-update (%1)</translation>
    </message>
    <message>
        <source>Auto-Update geplant</source>
        <translation>Auto-update planned</translation>
    </message>
    <message>
        <source>Kartenterminal nicht verbunden</source>
        <translation>Card terminal not connected</translation>
    </message>
    <message>
        <source>Das Kartenterminal „%1“ ist nicht verbunden und wird nicht aktualisiert. Bitte einschalten und danach das Update noch einmal starten.</source>
        <translation>The card terminal “%1” is not connected and is not updated. Please switch it on and then start the update again.</translation>
    </message>
    <message>
        <source>Es ist nichts zu installieren, solange das Kartenterminal nicht verbunden ist.</source>
        <translation>There is nothing to install while the card terminal is not connected.</translation>
    </message>
    <message>
        <source>Ein Update läuft gerade: den Konnektor nicht ausschalten und nicht vom Strom trennen.</source>
        <translation>An update is running: do not switch the connector off or unplug it.</translation>
    </message>
    <message>
        <source>Er startet dabei vermutlich neu. In einigen Minuten noch einmal prüfen; das Update wird dann weiterverfolgt.</source>
        <translation>It is probably restarting as part of it. Check again in a few minutes; the update is then followed up.</translation>
    </message>
    <message>
        <source>Das Update-Archiv kann gerade nicht geschrieben werden: %1 Das Update selbst ist davon nicht betroffen; beim nächsten Start wird es eingetragen.</source>
        <translation>The update archive cannot be written right now: %1 The update itself is not affected; it is recorded at the next start.</translation>
    </message>
    <message>
        <source>Update-Archiv nicht geschrieben</source>
        <translation>Update archive not written</translation>
    </message>
    <message>
        <source>Der Konnektor meldet sich nach der Installation nicht zurück. Den Konnektor NICHT vom Strom trennen und NICHT neu starten. Bitte sofort anrufen: %1. Sobald er wieder antwortet, trägt tiservice ein, was er meldet.</source>
        <translation>The connector has not come back after the installation. Do NOT unplug or restart the connector. Please call now: %1. As soon as it answers again, tiservice records what it reports.</translation>
    </message>
    <message>
        <source>Der Konnektor meldet keine Installation von %1 auf %2; es läuft weiterhin Version %3. Das Update wurde nicht installiert; bitte noch einmal starten.</source>
        <translation>The connector reports no installation of %1 to %2; version %3 is still running. The update was not installed; please start it again.</translation>
    </message>
    <message>
        <source>Installation nicht gefunden</source>
        <translation>Installation not found</translation>
    </message>
    <message>
        <source>Ob der Konnektor das Update von %1 begonnen hat, ist noch unklar: er antwortet nicht.</source>
        <translation>Whether the connector has begun the update of %1 is not clear yet: it does not answer.</translation>
    </message>
    <message>
        <source>Den Konnektor nicht ausschalten. In einigen Minuten noch einmal starten: dann wird weiterverfolgt, was er tut.</source>
        <translation>Do not switch the connector off. Start again in a few minutes: what it does is then followed up.</translation>
    </message>
    <message>
        <source>%1 wird gerade installiert: den Konnektor nicht ausschalten.</source>
        <translation>%1 is being installed right now: do not switch the connector off.</translation>
    </message>
    <message>
        <source>Das Update von %1 auf %2 ist beendet (%3) und im Update-Archiv eingetragen.</source>
        <translation>The update of %1 to %2 has ended (%3) and is recorded in the update archive.</translation>
    </message>
    <message>
        <source>In der Praxis wird gerade gearbeitet</source>
        <translation>People are working in the practice right now</translation>
    </message>
    <message>
        <source>Gerade ist ein weiterer Arbeitsplatz in der Praxissoftware angemeldet.</source>
        <translation>One other workplace is signed in to the practice software right now.</translation>
    </message>
    <message>
        <source>Gerade sind %1 weitere Arbeitsplätze in der Praxissoftware angemeldet.</source>
        <translation>%1 other workplaces are signed in to the practice software right now.</translation>
    </message>
    <message>
        <source>Empfohlen: %1.</source>
        <translation>Recommended: %1.</translation>
    </message>
    <message>
        <source>Laut den Einstellungen ist immer Sprechzeit: bitte einen ruhigen Moment wählen oder die Sprechzeiten in den Einstellungen berichtigen.</source>
        <translation>According to the settings the practice is always open: please choose a quiet moment, or correct the office hours in the settings.</translation>
    </message>
    <message>
        <source>Jetzt ist Sprechzeit (%1). Während der Installation (bis zu 20 Minuten) ist die TI nicht erreichbar.</source>
        <translation>These are office hours (%1). During the installation (up to 20 minutes) the TI cannot be reached.</translation>
    </message>
    <message>
        <source>Während der Installation (bis zu 20 Minuten) ist die TI dort nicht erreichbar.</source>
        <translation>During the installation (up to 20 minutes) the TI cannot be reached there.</translation>
    </message>
    <message>
        <source>Geplant in der Sprechzeit</source>
        <translation>Planned during office hours</translation>
    </message>
    <message>
        <source>%1 liegt in der Sprechzeit (%2). Während der Installation (bis zu 20 Minuten) ist die TI nicht erreichbar.</source>
        <translation>%1 falls within office hours (%2). During the installation (up to 20 minutes) the TI cannot be reached.</translation>
    </message>
    <message>
        <source>Trotzdem für %1 planen?</source>
        <translation>Plan it for %1 anyway?</translation>
    </message>
    <message>
        <source>Wichtig während der Installation: den Konnektor NICHT ausschalten, NICHT vom Strom trennen und NICHT neu starten – sonst kann er unbrauchbar werden. Der PC und dieses Programm dürfen ausgeschaltet werden: der Konnektor macht allein weiter.

Update %1?</source>
        <translation>Important during the installation: do NOT switch the connector off, do NOT unplug it and do NOT restart it – it could become unusable. The PC and this program may be switched off: the connector carries on by itself.

Update: %1?</translation>
    </message>
    <message>
        <source>Verstanden – %1</source>
        <translation>Understood – %1</translation>
    </message>
    <message>
        <source>Morgen Abend, %1</source>
        <translation>Tomorrow evening, %1</translation>
    </message>
    <message>
        <source>Am %1 abends, %2</source>
        <translation>On %1 in the evening, %2</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 (kritisches Update)</source>
        <translation>%1 (critical update)</translation>
    </message>
    <message>
        <source>Notieren Sie das neue Passwort jetzt auf dem Merkblatt „Wichtige Kenndaten und Zugangsdaten der Praxis“ und bewahren Sie es sicher auf.</source>
        <translation>Write the new password down now on the sheet “Important identifiers and access data of the practice” and keep it safe.</translation>
    </message>
    <message>
        <source>Notiert</source>
        <translation>Written down</translation>
    </message>
    <message>
        <source>Alle Updates sind installiert und bestätigt. Sie stehen im Update-Archiv.</source>
        <translation>All updates are installed and confirmed. They are in the update archive.</translation>
    </message>
    <message>
        <source>  Was ist neu? %1</source>
        <translation>  What is new? %1</translation>
    </message>
    <message>
        <source>Die Installation von %1 ist fehlgeschlagen: %2. Die bisherige Version %3 bleibt in Betrieb. Bitte später noch einmal versuchen.</source>
        <translation>The installation of %1 failed: %2. The previous version %3 stays in operation. Please try again later.</translation>
    </message>
    <message>
        <source>Während der Installation ist der Strom ausgefallen; der Konnektor meldet jetzt einen Defekt und muss vom Support wiederhergestellt werden. Den Konnektor NICHT vom Strom trennen und NICHT neu starten. Bitte jetzt sofort anrufen: %1</source>
        <translation>The power failed during the installation; the connector now reports a defect and must be restored by support. Do NOT unplug the connector and do NOT restart it. Please call now: %1</translation>
    </message>
    <message>
        <source>Das Update läuft bereits und lässt sich nicht mehr verschieben. Den Konnektor nicht ausschalten.</source>
        <translation>The update is already running and can no longer be moved. Do not switch the connector off.</translation>
    </message>
    <message>
        <source>Im Konnektor ist kein Update geplant.</source>
        <translation>No update is planned in the connector.</translation>
    </message>
    <message>
        <source>Geplantes Update</source>
        <translation>Planned update</translation>
    </message>
    <message>
        <source>Im Konnektor geplant:</source>
        <translation>Planned in the connector:</translation>
    </message>
    <message>
        <source>• %1 auf %2, %3 (%4)</source>
        <translation>• %1 to %2, %3 (%4)</translation>
    </message>
    <message>
        <source>Verschieben auf %1</source>
        <translation>Move to %1</translation>
    </message>
    <message>
        <source>Auf eine andere Uhrzeit verschieben</source>
        <translation>Move to another time</translation>
    </message>
    <message>
        <source>Absagen</source>
        <translation>Cancel the plan</translation>
    </message>
    <message>
        <source>So lassen</source>
        <translation>Leave it as it is</translation>
    </message>
    <message>
        <source>Was soll mit dem geplanten Update geschehen?</source>
        <translation>What should happen to the planned update?</translation>
    </message>
    <message>
        <source>Der Plan bleibt, wie er ist.</source>
        <translation>The plan stays as it is.</translation>
    </message>
    <message>
        <source>Neue Uhrzeit (HH:MM)</source>
        <translation>New time (HH:MM)</translation>
    </message>
    <message>
        <source>Das geplante Update ist abgesagt. Die Frist gilt weiter: bitte bald neu planen.</source>
        <translation>The planned update is cancelled. The deadline still applies: please plan it again soon.</translation>
    </message>
    <message>
        <source>Update abgesagt</source>
        <translation>Update cancelled</translation>
    </message>
    <message>
        <source>Das Update ist jetzt für %1 geplant. Der Konnektor installiert dann allein; den Konnektor in dieser Zeit nicht ausschalten.</source>
        <translation>The update is now planned for %1. The connector then installs it on its own; do not switch the connector off at that time.</translation>
    </message>
    <message>
        <source>Update verschoben</source>
        <translation>Update moved</translation>
    </message>
    <message>
        <source>Ein Update ist bereits für %1 geplant. Verschieben oder absagen lässt es sich über „Geplantes Update ändern“.</source>
        <translation>An update is already planned for %1. It can be moved or cancelled with &quot;Change the planned update&quot;.</translation>
    </message>
    <message>
        <source>Verschieben oder absagen lässt es sich an jedem Arbeitsplatz über „Geplantes Update ändern“.</source>
        <translation>It can be moved or cancelled at any workstation with &quot;Change the planned update&quot;.</translation>
    </message>
    <message>
        <source>Das Update ist für %1 geplant; der Konnektor installiert dann allein. Verschieben oder absagen lässt es sich über „Geplantes Update ändern“.</source>
        <translation>The update is planned for %1; the connector then installs it on its own. It can be moved or cancelled with &quot;Change the planned update&quot;.</translation>
    </message>
    <message>
        <source>Der Konnektor installiert das Update beim Auto-Update am %1 selbst. Den Konnektor bis dahin eingeschaltet lassen; am Morgen danach zeigt die Prüfung, ob es gelaufen ist.</source>
        <translation>The connector installs the update itself at the auto-update on %1. Keep the connector switched on until then; the morning after, the check shows whether it ran.</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Update-Archiv: der Nachweis der Wartung</source>
        <translation>Update archive: the proof of maintenance</translation>
    </message>
    <message>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Gerät</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Gestartet von</source>
        <translation>Started by</translation>
    </message>
    <message>
        <source>&amp;Zur Übersicht</source>
        <translation>&amp;Back to overview</translation>
    </message>
    <message>
        <source>&amp;Neu lesen</source>
        <translation>&amp;Read again</translation>
    </message>
    <message>
        <source>Wartungsnachweis &amp;speichern (PDF) …</source>
        <translation>&amp;Save proof of maintenance (PDF) …</translation>
    </message>
    <message>
        <source>Das Archiv wird gelesen …</source>
        <translation>Reading the archive …</translation>
    </message>
    <message>
        <source>Mit der Liste der Installationen im Konnektor: auch was andere Arbeitsplätze, das Auto-Update oder Ihr Dienstleister vor Ort installiert haben.</source>
        <translation>Including the connector&apos;s list of installations: also what other workstations, the auto-update or your on-site service provider installed.</translation>
    </message>
    <message>
        <source>Die Liste der Installationen im Konnektor war nicht zu lesen; gezeigt wird, was dieser Arbeitsplatz selbst eingetragen hat.</source>
        <translation>The connector&apos;s list of installations could not be read; shown is what this workstation recorded itself.</translation>
    </message>
    <message>
        <source>Das Update-Archiv ist leer.</source>
        <translation>The update archive is empty.</translation>
    </message>
    <message>
        <source>%1 Zeile(n) des Archivs sind beschädigt und werden nicht gezeigt.</source>
        <translation>%1 line(s) of the archive are damaged and are not shown.</translation>
    </message>
    <message>
        <source>Das Archiv ist noch nicht gelesen.</source>
        <translation>The archive has not been read yet.</translation>
    </message>
    <message>
        <source>Bitte einen Moment warten und noch einmal versuchen.</source>
        <translation>Please wait a moment and try again.</translation>
    </message>
    <message>
        <source>Wartungsnachweis</source>
        <translation>Proof of maintenance</translation>
    </message>
    <message>
        <source>Wartungsnachweis speichern</source>
        <translation>Save proof of maintenance</translation>
    </message>
    <message>
        <source>Gespeichert</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Der Wartungsnachweis steht in %1.</source>
        <translation>The proof of maintenance is in %1.</translation>
    </message>
    <message>
        <source>Nicht gespeichert</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>tiservice-gui [--config DATEI] [--check-every MINUTEN]

  Das Fenster von tiservice: zeigt Konnektor und Kartenterminals mit ihrem Stand und ihrer
  Frist, führt Schritt für Schritt durch das Update und zeigt das Update-Archiv.

  --config DATEI          die Einstellungen (sonst ~/.config/tiservice/tiservice.ini)
  --check-every MINUTEN   wie oft geprüft wird, solange das Fenster offen ist (sonst 15)
</source>
        <translation>tiservice-gui [--config FILE] [--check-every MINUTES]

  The tiservice window: shows the connector and card terminals with their versions and
  deadlines, guides step by step through the update and shows the update archive.

  --config FILE           the settings (otherwise ~/.config/tiservice/tiservice.ini)
  --check-every MINUTES   how often to check while the window is open (otherwise 15)
</translation>
    </message>
    <message>
        <source>tiservice – Wartung von Konnektor und Kartenterminals</source>
        <translation>tiservice – maintenance of connector and card terminals</translation>
    </message>
    <message>
        <source>Eine Frage von tiservice</source>
        <translation>A question from tiservice</translation>
    </message>
    <message>
        <source>Update für %1 einplanen</source>
        <translation>Plan the update for %1</translation>
    </message>
    <message>
        <source>Update von Konnektor und Kartenterminals</source>
        <translation>Update of connector and card terminals</translation>
    </message>
    <message>
        <source>Update des mobilen Kartenterminals</source>
        <translation>Update of the mobile card terminal</translation>
    </message>
    <message>
        <source>Support anrufen</source>
        <translation>Call support</translation>
    </message>
    <message>
        <source>Die Installation läuft</source>
        <translation>The installation is running</translation>
    </message>
    <message>
        <source>Der Konnektor installiert weiter, auch wenn Sie dieses Fenster schließen. Den Konnektor jetzt NICHT ausschalten und NICHT vom Strom trennen. Beim nächsten Start zeigt tiservice, wie es ausgegangen ist, und trägt es ins Update-Archiv ein.</source>
        <translation>The connector goes on installing even if you close this window. Do NOT switch the connector off now and do NOT unplug it. At its next start tiservice shows how it ended and records it in the update archive.</translation>
    </message>
    <message>
        <source>Fenster schließen</source>
        <translation>Close window</translation>
    </message>
    <message>
        <source>Offen lassen</source>
        <translation>Keep open</translation>
    </message>
    <message>
        <source>Prüfung nicht möglich</source>
        <translation>Check not possible</translation>
    </message>
    <message>
        <source>kein Update verfügbar</source>
        <translation>no update available</translation>
    </message>
    <message>
        <source>Alles aktuell. Es ist nichts zu tun.</source>
        <translation>Everything is current. There is nothing to do.</translation>
    </message>
    <message>
        <source>Sofort handeln: sonst ist die TI bald nicht mehr erreichbar.</source>
        <translation>Act now: otherwise the TI will soon be out of reach.</translation>
    </message>
    <message>
        <source>Ein Update steht an.</source>
        <translation>An update is due.</translation>
    </message>
    <message>
        <source>Nicht alles ließ sich prüfen.</source>
        <translation>Not everything could be checked.</translation>
    </message>
    <message>
        <source>Geprüft am %1.</source>
        <translation>Checked on %1.</translation>
    </message>
    <message>
        <source>Zulassungskatalog vom %1.</source>
        <translation>Approval catalog of %1.</translation>
    </message>
    <message>
        <source>&amp;Jetzt prüfen</source>
        <translation>&amp;Check now</translation>
    </message>
    <message>
        <source>&amp;Update-Archiv</source>
        <translation>&amp;Update archive</translation>
    </message>
    <message>
        <source>&amp;Einstellungen</source>
        <translation>S&amp;ettings</translation>
    </message>
    <message>
        <source>Konnektor und Kartenterminals werden geprüft …</source>
        <translation>Checking connector and card terminals …</translation>
    </message>
    <message>
        <source>Installiert</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Empfohlen</source>
        <translation>Recommended</translation>
    </message>
    <message>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>noch etwa 1 Minute</source>
        <translation>about 1 minute left</translation>
    </message>
    <message>
        <source>noch etwa %1 Minuten</source>
        <translation>about %1 minutes left</translation>
    </message>
    <message>
        <source>Erledigt</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Update geplant</source>
        <translation>Update planned</translation>
    </message>
    <message>
        <source>Geplantes Update abgesagt</source>
        <translation>Planned update cancelled</translation>
    </message>
    <message>
        <source>Es ist nichts zu tun</source>
        <translation>There is nothing to do</translation>
    </message>
    <message>
        <source>Abgebrochen</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Ein anderer Arbeitsplatz ist dabei</source>
        <translation>Another workstation is at it</translation>
    </message>
    <message>
        <source>Update fehlgeschlagen</source>
        <translation>Update failed</translation>
    </message>
    <message>
        <source>Bitte jetzt den Support anrufen</source>
        <translation>Please call support now</translation>
    </message>
    <message>
        <source>Update nicht möglich</source>
        <translation>Update not possible</translation>
    </message>
    <message>
        <source>Anmelden</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Passwort</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Planen</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Bestätigen</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Installation</translation>
    </message>
    <message>
        <source>Ich habe das gelesen und verstanden.</source>
        <translation>I have read and understood this.</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Weiter</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>aktueller Schritt</source>
        <translation>current step</translation>
    </message>
    <message>
        <source>Durchsuchen …</source>
        <translation>Browse …</translation>
    </message>
    <message>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Adresse des Konnektors</source>
        <translation>&amp;Address of the connector</translation>
    </message>
    <message>
        <source>&amp;Verbindung</source>
        <translation>Co&amp;nnection</translation>
    </message>
    <message>
        <source>&amp;CA-Zertifikat des Konnektors (PEM)</source>
        <translation>&amp;CA certificate of the connector (PEM)</translation>
    </message>
    <message>
        <source>C&amp;lient-Zertifikat dieses PCs (.p12)</source>
        <translation>C&amp;lient certificate of this PC (.p12)</translation>
    </message>
    <message>
        <source>leer: bei jedem Start fragen</source>
        <translation>empty: ask at every start</translation>
    </message>
    <message>
        <source>Datei mit dem &amp;Passwort des Client-Zertifikats</source>
        <translation>File with the client certificate&apos;s &amp;password</translation>
    </message>
    <message>
        <source>&amp;Mandant</source>
        <translation>&amp;Mandant</translation>
    </message>
    <message>
        <source>Client&amp;system</source>
        <translation>Client &amp;system</translation>
    </message>
    <message>
        <source>Arbeits&amp;platz dieses PCs</source>
        <translation>&amp;Workplace of this PC</translation>
    </message>
    <message>
        <source>&amp;Sprechzeiten</source>
        <translation>Practice &amp;hours</translation>
    </message>
    <message>
        <source>Verbindung p&amp;rüfen</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Spei&amp;chern</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <source>Der Konnektor wird gefragt …</source>
        <translation>Asking the connector …</translation>
    </message>
    <message>
        <source>Willkommen. Bitte einmal eintragen, wie dieser PC den Konnektor erreicht; die Angaben stehen in den Unterlagen Ihres Dienstleisters oder in den TI-Einstellungen Ihrer Praxissoftware. Ein Passwort wird hier nicht gespeichert.</source>
        <translation>Welcome. Please enter once how this PC reaches the connector; you find the details in your service provider&apos;s documents or in the TI settings of your practice software. No password is stored here.</translation>
    </message>
    <message>
        <source>Gespeichert in %1.</source>
        <translation>Saved in %1.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>TLS mit Benutzername und Passwort (wie eingetragen)</source>
        <translation>TLS with user name and password (as entered)</translation>
    </message>
    <message>
        <source>Die Einstellungsdatei ist nicht lesbar; sie bleibt, wie sie ist.</source>
        <translation>The settings file cannot be read; it stays as it is.</translation>
    </message>
</context>
<context>
    <name>xml_tree</name>
    <message>
        <source>Die Antwort ist kein gültiges XML.</source>
        <translation>The answer is not valid XML.</translation>
    </message>
</context>
</TS>
