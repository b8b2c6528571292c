import Testing

@testable import Registry

@Test(arguments: [
  // fr
  "Compte officiel. Pas d'appels urgents ici : formez le 101 ou le 112.",
  "Pas pour les urgences ! En cas d'urgence, appelez le 17.",
  "<p>Zone de police. En cas d&#39;urgence, formez le 112.</p>",
  "Ce compte n’est pas surveillé la nuit. Pour toute urgence : 101",
  // nl
  "Niet voor noodgevallen. Bel 112 of 101.",
  "Geen noodoproepen via dit kanaal: bij nood bel 101.",
  "In noodgevallen altijd 112 bellen.",
  // de
  "Nicht für Notfälle! Im Notfall 110 oder 112 wählen.",
  "Im Notfall 110.",
  "Keine Notrufe über diesen Kanal – Notruf 112.",
  // en
  "Not monitored 24/7. In an emergency dial 999.",
  "Do not report crime here. Always call 999 in an emergency or 101 otherwise.",
  "Official account. For emergencies call 911.",
])
func disclaimerIsDetected(bio: String) {
  #expect(EmergencyDisclaimer.detect(bio))
}

@Test(arguments: [
  "",
  "Compte officiel de la zone de police 5327.",  // a zone code, no phrase
  "Suivez-nous pour l'actualité de la zone. 112 abonnés !",  // number, no phrase
  "In an emergency, stay calm and follow instructions.",  // phrase, no number
  "Politiezone 5388 Leuven: nieuws, preventie en verkeer.",
  "Niet voor noodgevallen.",  // phrase, no number
  "Call 1010 for road information in an emergency",  // 1010 is not an emergency number
  "Polizei Eupen – Infos zu Verkehr und Prävention. Seit 2017 auf Social Media.",
])
func noDisclaimerWithoutNumberNearPhrase(bio: String) {
  #expect(!EmergencyDisclaimer.detect(bio))
}

@Test func numberFarFromPhraseIsNotADisclaimer() {
  let filler = String(repeating: "nouvelles de la zone et prévention ", count: 6)  // 210 chars
  #expect(!EmergencyDisclaimer.detect("En cas d'urgence, restez calmes. " + filler + "Tél 101"))
}

@Test func htmlTagsAndEntitiesAreStripped() {
  #expect(
    EmergencyDisclaimer.plainText("<p>Pas d&#39;appels<br>urgents &amp; <a href=\"x\">112</a></p>")
      == "Pas d'appels\nurgents & 112\n")
}
