// Name pools for opis-gen: the persons, places, scholars and topics a
// synthetic record mentions. Real historical figures come first (in rough
// order of how often such archives mention them: the order is the Zipf rank),
// then invented officials, so that searches for a famous name find many
// records and searches for a minor one find few, as in a real collection.
// Variant spellings are deliberate: they are what the indexer's folding and
// a user's searches have to cope with.
#include "pools.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace opis {

namespace {

// One person a line: "titles|full forms|short forms|variant spellings",
// each part a ';'-separated list (any part but the full forms may be empty).
constexpr std::string_view kPersons[] = {
    "Cde.;Comrade;First Secretary;Chairman|N.S. Khrushchev;Nikita Khrushchev;Nikita Sergeyevich Khrushchev|Khrushchev|Khrushchov;KHRUSHCHEV;Krushchev;N.S. Khrushchov",
    "Chairman;Comrade|Mao Zedong;Mao Tse-tung|Mao|Mao Tsetung;MAO ZEDONG;Mao Tse-Tung",
    "Cde.;Comrade;Minister|A.A. Gromyko;Andrei Gromyko;Andrei Andreyevich Gromyko|Gromyko|GROMYKO;A. Gromyko",
    "Cde.;Comrade;General Secretary|L.I. Brezhnev;Leonid Brezhnev;Leonid Ilyich Brezhnev|Brezhnev|BREZHNEV;Brejnev;Breschnew",
    "Premier;Comrade|Zhou Enlai;Chou En-lai|Zhou Enlai|Chou En-lai;Chou;ZHOU ENLAI",
    "Marshal;President;Comrade|Josip Broz Tito;J.B. Tito|Tito|TITO;Broz",
    "Comrade;First Secretary|Walter Ulbricht;W. Ulbricht|Ulbricht|ULBRICHT",
    "Comrade;First Secretary|Władysław Gomułka;W. Gomułka|Gomułka|Gomulka;GOMUŁKA;Vladislav Gomulka",
    "Prime Minister;General;Brigadier|Abd al-Karim Qasim;Abdul Karim Qasim|Qasim|Qassim;Kassem;Kasem;Abdel Karim Kassem",
    "Comrade;President;General Secretary|Nicolae Ceaușescu;N. Ceaușescu|Ceaușescu|Ceausescu;Ceauşescu;CEAUȘESCU;Chaushesku",
    "Colonel;Leader|Muammar Gaddafi;Muammar al-Qaddafi|Gaddafi|Qaddafi;Kadhafi;Qadhafi;Gadhafi",
    "President|Gamal Abdel Nasser;Gamal Abd al-Nasir|Nasser|Nasir;Abdel Nasser;NASSER",
    "Comrade;Prime Minister;Commander|Fidel Castro;Fidel Castro Ruz|Castro|CASTRO;Fidel",
    "Comrade;Premier;Marshal|Kim Il Sung;Kim Il-sung|Kim Il Sung|Kim Il-song;KIM IL SUNG",
    "President;Comrade|Ho Chi Minh|Ho Chi Minh|Ho Chi-Minh;Hồ Chí Minh",
    "Cde.;Comrade|A.I. Mikoyan;Anastas Mikoyan|Mikoyan|Mikojan;MIKOYAN",
    "Comrade;First Secretary|János Kádár;J. Kádár|Kádár|Kadar;KÁDÁR",
    "Comrade;First Secretary|Todor Zhivkov;T. Zhivkov|Zhivkov|Jivkov;Shivkov;ZHIVKOV",
    "Comrade;General Secretary|Erich Honecker;E. Honecker|Honecker|HONECKER",
    "President|John F. Kennedy;J.F. Kennedy|Kennedy|KENNEDY",
    "President;General|Dwight D. Eisenhower;D.D. Eisenhower|Eisenhower|Eizenhauer;EISENHOWER",
    "Cde.;Comrade;Chairman|A.N. Kosygin;Alexei Kosygin|Kosygin|KOSYGIN",
    "Dr.;Secretary;Mr.|Henry Kissinger;Henry A. Kissinger|Kissinger|KISSINGER;Kissindzher",
    "President;Vice President|Richard Nixon;Richard M. Nixon|Nixon|NIXON",
    "Cde.;Comrade;General Secretary;President|M.S. Gorbachev;Mikhail Gorbachev|Gorbachev|Gorbachov;GORBACHEV;Gorbatschow",
    "Cde.;Comrade;Generalissimo|J.V. Stalin;Joseph Stalin;I.V. Stalin|Stalin|STALIN;Iosif Stalin",
    "Secretary of State;Mr.|John Foster Dulles;J.F. Dulles|Dulles|DULLES",
    "Secretary of State;Mr.|Dean Rusk|Rusk|RUSK",
    "Cde.;Comrade|Yu.V. Andropov;Yuri Andropov|Andropov|ANDROPOV;Iurii Andropov",
    "Cde.;Comrade|M.A. Suslov;Mikhail Suslov|Suslov|SUSLOV",
    "Cde.;Comrade|B.N. Ponomarev;Boris Ponomarev|Ponomarev|Ponomaryov;PONOMAREV",
    "Cde.;Comrade|V.M. Molotov;Vyacheslav Molotov|Molotov|MOLOTOV",
    "Comrade;Chairman|Liu Shaoqi;Liu Shao-chi|Liu Shaoqi|Liu Shao-ch'i;LIU SHAOQI",
    "Comrade;Vice Premier|Deng Xiaoping;Teng Hsiao-ping|Deng|Teng Hsiao-p'ing;DENG XIAOPING",
    "Prince|Norodom Sihanouk|Sihanouk|SIHANOUK",
    "President;Dr.|Sukarno|Sukarno|Soekarno;SUKARNO",
    "Prime Minister;Mr.|Jawaharlal Nehru;J. Nehru|Nehru|NEHRU",
    "Comrade;First Secretary|Enver Hoxha|Hoxha|Hodja;Hoxa;HOXHA",
    "Comrade;First Secretary|Alexander Dubček|Dubček|Dubcek;DUBČEK",
    "Comrade;General Secretary|Gustáv Husák|Husák|Husak",
    "Comrade;President|Antonín Novotný|Novotný|Novotny",
    "Comrade;First Secretary|Edward Gierek|Gierek|",
    "General;Comrade|Wojciech Jaruzelski;W. Jaruzelski|Jaruzelski|Yaruzelsky",
    "Cde.;Comrade;Chairman|N.A. Bulganin;Nikolai Bulganin|Bulganin|BULGANIN",
    "Cde.;Comrade|G.M. Malenkov;Georgy Malenkov|Malenkov|MALENKOV",
    "Marshal;Cde.|G.K. Zhukov;Georgy Zhukov|Zhukov|ZHUKOV;Schukow",
    "Ambassador;Cde.|A.F. Dobrynin;Anatoly Dobrynin|Dobrynin|DOBRYNIN",
    "Minister;Cde.|E.A. Shevardnadze;Eduard Shevardnadze|Shevardnadze|SHEVARDNADZE",
    "Premier;Comrade|Pham Van Dong|Pham Van Dong|Phạm Văn Đồng",
    "Comrade;First Secretary|Le Duan|Le Duan|Lê Duẩn",
    "General|Vo Nguyen Giap|Giap|Võ Nguyên Giáp",
    "President|Anwar Sadat;Anwar el-Sadat|Sadat|as-Sadat;SADAT",
    "President;Vice President|Saddam Hussein|Saddam|Saddam Husayn",
    "President;General|Hafez al-Assad|Assad|Hafiz al-Asad;Asad",
    "Chairman;Mr.|Yasser Arafat|Arafat|Yasir Arafat",
    "General;President|Charles de Gaulle|de Gaulle|De Gaulle;de Goll",
    "Chancellor;Dr.|Konrad Adenauer|Adenauer|",
    "Chancellor;Mr.|Willy Brandt|Brandt|",
    "Prime Minister;Mr.|Harold Macmillan|Macmillan|MacMillan",
    "President|Lyndon B. Johnson;Lyndon Johnson|Johnson|LBJ",
    "President|Jimmy Carter|Carter|",
    "President|Ronald Reagan|Reagan|Reigan",
    "Cde.;Comrade|K.U. Chernenko;Konstantin Chernenko|Chernenko|CHERNENKO",
    "Cde.;Comrade|N.V. Podgorny;Nikolai Podgorny|Podgorny|Podgornyi;PODGORNY",
    "Cde.|L.P. Beria;Lavrentiy Beria|Beria|Beriya;BERIA",
    "Marshal;Cde.;Comrade|D.F. Ustinov;Dmitry Ustinov|Ustinov|USTINOV",
    "Cde.;Deputy Minister|V.V. Kuznetsov;Vasily Kuznetsov|Kuznetsov|KUZNETSOV",
    "Marshal;Comrade|Lin Biao;Lin Piao|Lin Biao|Lin Piao",
    "Marshal;Foreign Minister|Chen Yi|Chen Yi|Ch'en I",
    "Prime Minister;Mrs.|Indira Gandhi|Gandhi|I. Gandhi",
    "Comrade|Edvard Kardelj|Kardelj|",
    "Comrade|Aleksandar Ranković|Ranković|Rankovic",
    "President;Comrade|Wilhelm Pieck|Pieck|",
    "Prime Minister;Comrade|Otto Grotewohl|Grotewohl|",
    "Comrade;President|Klement Gottwald|Gottwald|",
    "Comrade|Mátyás Rákosi|Rákosi|Rakosi",
    "Comrade;Prime Minister|Imre Nagy|Nagy|",
    "Comrade|Ernő Gerő|Gerő|Gero",
    "Comrade|Georgi Dimitrov|Dimitrov|Dimitroff",
    "Comrade|Gheorghe Gheorghiu-Dej|Gheorghiu-Dej|Gheorghiu Dej",
    "Comrade;Prime Minister|Mehmet Shehu|Shehu|",
    "Comrade|Yumjaagiin Tsedenbal;Yu. Tsedenbal|Tsedenbal|",
    "Commander;Comrade|Ernesto Che Guevara;Ernesto Guevara|Guevara|Che",
    "Comrade;Minister|Raúl Castro|Raúl Castro|Raul Castro",
    "President;Dr.|Salvador Allende|Allende|",
    "President|Gerald Ford;Gerald R. Ford|Ford|",
    "President;Vice President|George H.W. Bush;George Bush|Bush|",
    "Secretary of State;Mr.|Cyrus Vance|Vance|",
    "Dr.;Mr.|Zbigniew Brzezinski|Brzezinski|Brzeziński",
    "Secretary of State;Mr.|George Shultz;George P. Shultz|Shultz|Schultz",
    "Secretary of State;Mr.|James Baker;James A. Baker|Baker|",
    "Secretary of State;Mr.|Dean Acheson|Acheson|",
    "President|Harry S. Truman;Harry Truman|Truman|",
    "Ambassador;Governor;Mr.|W. Averell Harriman;Averell Harriman|Harriman|",
    "Ambassador;Mr.|Llewellyn Thompson;Llewellyn E. Thompson|Thompson|",
    "Ambassador;Mr.|Charles Bohlen;Charles E. Bohlen|Bohlen|",
    "Ambassador;Mr.|George Kennan;George F. Kennan|Kennan|",
    "Secretary;Mr.|Robert McNamara;Robert S. McNamara|McNamara|",
    "Mr.|McGeorge Bundy|Bundy|",
    "Prime Minister;Sir;Mr.|Winston Churchill|Churchill|",
    "Prime Minister;Sir;Mr.|Anthony Eden|Eden|",
    "Prime Minister;Mr.|Harold Wilson|Wilson|",
    "Prime Minister;Mrs.|Margaret Thatcher|Thatcher|",
    "President|Georges Pompidou|Pompidou|",
    "President|Valéry Giscard d'Estaing|Giscard d'Estaing|Giscard;Valery Giscard d'Estaing",
    "President|François Mitterrand|Mitterrand|Mitterand;Francois Mitterrand",
    "Chancellor;Dr.|Ludwig Erhard|Erhard|",
    "Chancellor;Mr.|Helmut Schmidt|Schmidt|",
    "Chancellor;Dr.|Helmut Kohl|Kohl|",
    "Minister;Mr.|Hans-Dietrich Genscher|Genscher|",
    "State Secretary;Mr.|Egon Bahr|Bahr|",
    "Chancellor;Dr.|Bruno Kreisky|Kreisky|",
    "Prime Minister;Mr.|Olof Palme|Palme|",
    "President;Dr.|Urho Kekkonen|Kekkonen|",
    "President;Dr.|Kwame Nkrumah|Nkrumah|",
    "President|Ahmed Sékou Touré|Touré|Sekou Toure;Sékou Touré",
    "President;Mwalimu|Julius Nyerere|Nyerere|",
    "Prime Minister|Patrice Lumumba|Lumumba|",
    "General;President|Joseph-Désiré Mobutu;Mobutu Sese Seko|Mobutu|",
    "President;Prime Minister|Ahmed Ben Bella|Ben Bella|Ben Bela",
    "Colonel;President|Houari Boumediene|Boumediene|Boumedienne",
    "President|Habib Bourguiba|Bourguiba|",
    "Emperor|Haile Selassie|Haile Selassie|Hayla Sellase",
    "Comrade;Chairman;Colonel|Mengistu Haile Mariam|Mengistu|",
    "President;General|Mohamed Siad Barre|Siad Barre|Siyad Barre",
    "President;Comrade|Agostinho Neto|Neto|",
    "President;Comrade|Samora Machel|Machel|",
    "Comrade|Amílcar Cabral|Cabral|Amilcar Cabral",
    "President;Dr.|Syngman Rhee|Rhee|Yi Seung-man",
    "President;General|Park Chung-hee|Park|Pak Chong-hui",
    "Generalissimo;President|Chiang Kai-shek|Chiang|Jiang Jieshi",
    "President|Ngo Dinh Diem|Diem|Ngô Đình Diệm",
    "Comrade|Pol Pot|Pol Pot|Saloth Sar",
    "General|Ne Win|Ne Win|",
    "Prime Minister;Mr.|Zulfikar Ali Bhutto|Bhutto|",
    "President;Field Marshal|Mohammad Ayub Khan|Ayub Khan|Ayub",
    "Shah;His Majesty|Mohammad Reza Pahlavi|the Shah|Mohammed Reza Shah",
    "Ayatollah;Imam|Ruhollah Khomeini|Khomeini|Khomeyni;Homeini",
    "Prime Minister|Adnan Menderes|Menderes|",
    "Archbishop;President|Makarios III|Makarios|",
    "King|Hussein bin Talal|King Hussein|",
    "Prime Minister;Mr.|David Ben-Gurion|Ben-Gurion|Ben Gurion",
    "Prime Minister;Mrs.|Golda Meir|Meir|",
    "Prime Minister;Mr.|Menachem Begin|Begin|",
    "General;Minister|Moshe Dayan|Dayan|",
    "Secretary-General|U Thant|U Thant|",
    "Secretary-General;Mr.|Dag Hammarskjöld|Hammarskjöld|Hammarskjold;Hammarskjoeld",
    "Secretary-General;Dr.|Kurt Waldheim|Waldheim|",
    "Secretary-General|Javier Pérez de Cuéllar|Pérez de Cuéllar|Perez de Cuellar",
    "Mr.|Lech Wałęsa|Wałęsa|Walesa;Valensa",
    "Academician;Dr.|Andrei Sakharov;A.D. Sakharov|Sakharov|Sacharow",
    "Comrade|Stanisław Kania|Kania|Stanislaw Kania",
    "Comrade;President|Bolesław Bierut|Bierut|Boleslaw Bierut",
    "Comrade;Prime Minister|Józef Cyrankiewicz|Cyrankiewicz|",
    "Minister|Adam Rapacki|Rapacki|",
    "Comrade;Chairman|Willi Stoph|Stoph|",
    "Comrade;Minister|Erich Mielke|Mielke|",
    "Comrade|Egon Krenz|Krenz|",
    "Comrade|Károly Grósz|Grósz|Grosz",
    "President|Nguyen Van Thieu|Thieu|",
    "Comrade;President|Daniel Ortega|Ortega|",
    "Comrade|Kim Jong Il|Kim Jong Il|Kim Jong-il",
    "Chairman|Hua Guofeng|Hua Guofeng|Hua Kuo-feng",
    "Comrade|Kang Sheng|Kang Sheng|K'ang Sheng",
    "Marshal|Peng Dehuai|Peng Dehuai|P'eng Te-huai",
    "Marshal|V.D. Sokolovsky|Sokolovsky|",
    "Marshal|A.A. Grechko|Grechko|",
    "Marshal|R.Ya. Malinovsky;Rodion Malinovsky|Malinovsky|",
    "Cde.|V.E. Semichastny|Semichastny|",
    "Cde.|A.N. Shelepin|Shelepin|",
    "Cde.|A.P. Kirilenko|Kirilenko|",
    "Cde.|K.V. Rusakov|Rusakov|",
    "Cde.|M.V. Zimyanin|Zimyanin|",
    "Cde.|A.N. Yakovlev;Alexander Yakovlev|Yakovlev|",
    "Cde.|Ye.K. Ligachev;Yegor Ligachev|Ligachev|",
    "Cde.|N.I. Ryzhkov;Nikolai Ryzhkov|Ryzhkov|",
    "Ambassador;Cde.|M.G. Pervukhin|Pervukhin|",
    "Ambassador;Cde.|P.F. Yudin|Yudin|",
    "Ambassador;Cde.|A.M. Puzanov|Puzanov|",
    "Cde.|O.A. Troyanovsky;Oleg Troyanovsky|Troyanovsky|Troyanovskii",
    "Ambassador;Cde.|S.V. Chervonenko|Chervonenko|",
    "Ambassador;Cde.|P.A. Abrasimov|Abrasimov|",
    "Ambassador;Cde.|V.M. Falin|Falin|",
    "Cde.;Deputy Minister|V.A. Zorin|Zorin|",
    "Ambassador;Governor|Adlai Stevenson|Stevenson|",
    "Ambassador|Henry Cabot Lodge|Lodge|",
    "Secretary of State;Mr.|William P. Rogers|Rogers|",
    "Secretary of State|Christian Herter|Herter|",
    "Under Secretary;Mr.|George Ball|Ball|",
    "Mr.|Walt Rostow|Rostow|",
    "General;Secretary|Alexander Haig|Haig|",
    "Secretary|Caspar Weinberger|Weinberger|",
    "Ambassador|Jack Matlock|Matlock|",
    "Mr.|Joshua Nkomo|Nkomo|",
    "Comrade;Prime Minister|Robert Mugabe|Mugabe|",
    "President|Kenneth Kaunda|Kaunda|",
    "President|Modibo Keïta|Keïta|Keita",
    "President;General|Jaafar Nimeiry|Nimeiry|Numeiri;Numayri",
    "President|Abdul Salam Arif|Arif|Aref",
    "President|Ahmed Hassan al-Bakr|al-Bakr|Bakr",
    "Dr.;Prime Minister|Mohammad Mosaddegh|Mosaddegh|Mossadegh;Mossadeq",
    "Prince;President|Mohammed Daoud Khan|Daoud|Daud",
    "Comrade|Nur Muhammad Taraki|Taraki|",
    "Comrade|Hafizullah Amin|Amin|",
    "Comrade|Babrak Karmal|Karmal|",
    "Comrade;Dr.|Mohammad Najibullah|Najibullah|Najib",
    "Prime Minister;Mrs.|Sirimavo Bandaranaike|Bandaranaike|",
    "General;President|Suharto|Suharto|Soeharto",
    "President|Ferdinand Marcos|Marcos|",
    "Prince|Souphanouvong|Souphanouvong|",
    "Prince|Souvanna Phouma|Souvanna Phouma|",
    "Comrade|Kaysone Phomvihane|Kaysone|",
};

// Invented officials: the ministry staff, diplomats and interpreters who
// fill real records and whom no reference work lists. Same format.
constexpr std::string_view kInventedPersons[] = {
    "Cde.;Counsellor|V.P. Sorokin;Viktor Sorokin|Sorokin|",
    "Counsellor;Cde.|I.M. Lebedinsky|Lebedinsky|",
    "Cde.|G.A. Zverev|Zverev|",
    "First Secretary;Cde.|N.K. Belousov|Belousov|",
    "Attaché;Cde.|D.S. Ryabov|Ryabov|",
    "Ambassador;Cde.|O.V. Kalinichenko|Kalinichenko|Kalinitchenko",
    "Cde.|T.I. Glushko|Glushko|",
    "Cde.|K.T. Mazurenko|Mazurenko|",
    "Cde.|A.Ya. Shvedov|Shvedov|Schwedow",
    "Cde.|L.N. Kudryashov|Kudryashov|Kudriashov",
    "Cde.|R.S. Gabdulin|Gabdulin|",
    "General;Cde.|I.S. Kovalenko;Ivan Stepanovich Kovalenko|Kovalenko|Kowalenko",
    "Colonel;Cde.|Yu.K. Arsenyev|Arsenyev|Arseniev",
    "Comrade|Hans-Joachim Reuter;H.-J. Reuter|Reuter|",
    "Comrade|Gerhard Winkelmann|Winkelmann|Winckelmann",
    "Comrade|Werner Hasselbach|Hasselbach|",
    "Comrade|Klaus-Dieter Pohl|Pohl|",
    "Comrade|Tadeusz Wroński|Wroński|Wronski",
    "Comrade|Zenon Kaczmarczyk|Kaczmarczyk|",
    "Comrade|Jerzy Lisowski|Lisowski|",
    "Comrade|Jaroslav Kratochvíl|Kratochvíl|Kratochvil",
    "Comrade|Miloš Vondrák|Vondrák|Vondrak",
    "Comrade|Ferenc Bálint|Bálint|Balint",
    "Comrade|László Szemere|Szemere|",
    "Comrade|Ion Mărgineanu|Mărgineanu|Margineanu",
    "Comrade|Vasile Dobrescu|Dobrescu|",
    "Comrade|Petar Kostadinov|Kostadinov|",
    "Comrade|Dimitar Vrabchev|Vrabchev|Vrabtchev",
    "Comrade|Dragoljub Milosavljević|Milosavljević|Milosavljevic",
    "Comrade|Arben Dervishi|Dervishi|",
    "Comrade|Ri Chang-ho|Ri Chang-ho|Li Chang-ho",
    "Comrade|Nguyen Van Khiem|Khiem|",
    "Comrade|Do Quang Hieu|Hieu|",
    "Comrade|Wang Shuming|Wang Shuming|Wang Shu-ming",
    "Comrade|Li Qingyuan|Li Qingyuan|Li Ch'ing-yuan",
    "Comrade|Zhang Wenhai|Zhang Wenhai|Chang Wen-hai",
    "Comrade|Dorjiin Batbayar|Batbayar|",
    "Compañero;Comrade|Rolando Fuentes Ibarra|Fuentes|",
    "Mr.|Harold T. Whitcombe|Whitcombe|",
    "Mr.|Edwin R. Garvey|Garvey|",
    "Mr.|Thomas W. Ashford|Ashford|",
    "Ambassador;Mr.|Robert L. Danforth|Danforth|",
    "Mr.|Arthur M. Pellham|Pellham|Pelham",
    "Sir|Geoffrey Hallam-Ware|Hallam-Ware|Hallam Ware",
    "Mr.|Nigel Pembury|Pembury|",
    "M.|Jean-Pierre Lavaud|Lavaud|",
    "M.|Henri Castaing|Castaing|",
    "Dr.|Friedrich Obermaier|Obermaier|Obermayer",
    "Herr;Dr.|Dieter Lansing|Lansing|",
    "Signor|Carlo Benedetti|Benedetti|",
    "Mr.|Abdel Rahman al-Sayyid|al-Sayyid|el-Sayed;Al-Sayyid",
    "Mr.|Khalid Hamdi al-Rawi|al-Rawi|el-Rawi",
    "Brigadier|Salim Jaber Haddad|Haddad|",
    "Mr.|Hamid Nouri|Nouri|Nuri",
    "Mr.|Rajendra Prasad Mehta|Mehta|",
    "Mr.|Krishnan Nair|Nair|",
    "Mr.|Tadashi Morikawa|Morikawa|",
    "Mr.|Kwabena Osei-Mensah|Osei-Mensah|",
    "Mr.|Jean-Baptiste Mwamba|Mwamba|",
    "Señor|Jorge Villalba Ortiz|Villalba|",
    "Señor|Eduardo Saavedra|Saavedra|",
    "Comrade|Aziz Rahimov|Rahimov|",
    "Comrade|Bogdan Terziev|Terziev|",
    "Comrade|Gunnar Ohlsén|Ohlsén|Ohlsen",
};

// Countries as the period named them, with other names after ';'.
constexpr std::string_view kCountries[] = {
    "the Soviet Union;the USSR", "the United States;the USA", "China;the People's Republic of China;the PRC",
    "the GDR;East Germany;the German Democratic Republic", "the FRG;West Germany;the Federal Republic of Germany",
    "Poland", "Czechoslovakia;the ČSSR", "Hungary", "Romania;Rumania", "Bulgaria", "Yugoslavia", "Albania",
    "Cuba", "Vietnam;Viet Nam", "North Vietnam;the DRV", "South Vietnam", "North Korea;the DPRK", "South Korea",
    "Korea", "Mongolia;the Mongolian People's Republic", "Great Britain;the United Kingdom;Britain", "France",
    "Italy", "Japan", "India", "Pakistan", "Indonesia", "Egypt;the UAR", "Iraq", "Iran;Persia", "Syria",
    "Israel", "Jordan", "Lebanon", "Turkey", "Greece", "Cyprus", "Afghanistan", "Laos", "Cambodia;Kampuchea",
    "Burma", "Ceylon;Sri Lanka", "Nepal", "Thailand", "Malaya;Malaysia", "the Philippines", "Taiwan;Formosa",
    "Algeria", "Morocco", "Tunisia", "Libya", "Sudan", "Ethiopia", "Somalia", "Kenya", "Tanganyika;Tanzania",
    "Uganda", "the Congo;Zaire", "Ghana", "Guinea", "Mali", "Senegal", "Nigeria", "Angola", "Mozambique",
    "Guinea-Bissau", "Zambia", "Rhodesia;Zimbabwe", "South Africa", "Namibia;South West Africa", "Yemen",
    "South Yemen;the PDRY", "Saudi Arabia", "Kuwait", "Oman", "Austria", "Switzerland", "Sweden", "Finland",
    "Norway", "Denmark", "Iceland", "the Netherlands;Holland", "Belgium", "Luxembourg", "Spain", "Portugal",
    "Ireland", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Peru", "Bolivia", "Colombia", "Venezuela",
    "Ecuador", "Uruguay", "Paraguay", "Nicaragua", "El Salvador", "Guatemala", "Honduras", "Panama",
    "Costa Rica", "the Dominican Republic", "Haiti", "Jamaica", "Grenada", "Australia", "New Zealand",
    "Upper Volta;Burkina Faso", "Dahomey;Benin", "Togo", "Cameroon", "Chad", "Niger", "Mauritania",
    "the Central African Republic", "Gabon", "the Ivory Coast;Côte d'Ivoire", "Liberia", "Sierra Leone",
    "the Gambia", "Madagascar;the Malagasy Republic", "Burundi", "Rwanda", "Malawi;Nyasaland",
    "Botswana;Bechuanaland", "Lesotho;Basutoland", "Swaziland", "Djibouti", "Eritrea", "Bahrain", "Qatar",
    "the United Arab Emirates", "Bangladesh;East Pakistan", "Singapore", "Brunei", "Bhutan", "the Maldives",
    "Papua New Guinea", "Fiji", "Malta", "Monaco", "Liechtenstein", "San Marino", "the Vatican;the Holy See",
    "Andorra", "Guyana;British Guiana", "Suriname", "Trinidad and Tobago", "Barbados", "the Bahamas",
    "Belize;British Honduras", "Tibet", "Manchuria", "Sinkiang;Xinjiang", "Estonia", "Latvia", "Lithuania",
    "Ukraine;the Ukrainian SSR", "Belorussia;Byelorussia", "Moldavia", "Georgia", "Armenia", "Azerbaijan",
    "Kazakhstan", "Uzbekistan", "Tajikistan", "Kirghizia", "Turkmenia", "West Berlin", "East Prussia",
    "Transylvania", "Silesia", "Bessarabia", "Kurdistan", "Palestine", "the Sinai", "the Golan Heights",
    "Kashmir", "Aden", "Zanzibar", "Biafra", "Katanga", "Ogaden", "Western Sahara",
};

// Cities, period names first ("Peking", "Leningrad", "Saigon").
constexpr std::string_view kCities[] = {
    "Moscow", "Washington", "Peking;Beijing;Peiping", "Berlin", "East Berlin", "Bonn", "Warsaw", "Prague",
    "Budapest", "Bucharest", "Sofia", "Belgrade", "Tirana", "Havana", "Hanoi", "Saigon;Ho Chi Minh City",
    "Pyongyang", "Seoul", "Ulan Bator;Ulaanbaatar", "London", "Paris", "Rome", "Tokyo", "New Delhi;Delhi",
    "Karachi", "Rawalpindi", "Islamabad", "Djakarta;Jakarta", "Cairo", "Baghdad", "Tehran;Teheran",
    "Damascus", "Tel Aviv", "Jerusalem", "Amman", "Beirut", "Ankara", "Istanbul", "Athens", "Nicosia",
    "Kabul", "Vientiane", "Phnom Penh", "Rangoon;Yangon", "Colombo", "Kathmandu", "Bangkok",
    "Kuala Lumpur", "Manila", "Taipei", "Algiers", "Rabat", "Tunis", "Tripoli", "Khartoum", "Addis Ababa",
    "Mogadishu", "Nairobi", "Dar es Salaam", "Kampala", "Léopoldville;Leopoldville;Kinshasa",
    "Stanleyville;Kisangani", "Elisabethville;Lubumbashi", "Accra", "Conakry", "Bamako", "Dakar", "Lagos",
    "Luanda", "Lourenço Marques;Maputo", "Lusaka", "Salisbury;Harare", "Pretoria", "Johannesburg", "Aden",
    "Sana'a;Sanaa", "Riyadh", "Jeddah", "Kuwait City", "Vienna", "Geneva", "Bern", "Stockholm", "Helsinki",
    "Oslo", "Copenhagen", "Reykjavik", "The Hague", "Amsterdam", "Brussels", "Madrid", "Lisbon", "Dublin",
    "Ottawa", "Mexico City", "Rio de Janeiro", "Brasília;Brasilia", "Buenos Aires", "Santiago", "Lima",
    "La Paz", "Bogotá;Bogota", "Caracas", "Quito", "Montevideo", "Managua", "San Salvador",
    "Guatemala City", "Panama City", "New York", "Chicago", "San Francisco", "Los Angeles", "Camp David",
    "Canberra", "Leningrad;Petrograd;St. Petersburg", "Stalingrad;Volgograd", "Kiev;Kyiv", "Minsk",
    "Riga", "Tallinn", "Vilnius;Wilno", "Kishinev;Chişinău", "Tbilisi;Tiflis", "Yerevan;Erevan", "Baku",
    "Alma-Ata;Almaty", "Tashkent", "Dushanbe;Stalinabad", "Frunze;Bishkek", "Ashkhabad;Ashgabat",
    "Sverdlovsk;Yekaterinburg", "Gorky;Nizhny Novgorod", "Kuibyshev;Samara", "Novosibirsk", "Irkutsk",
    "Khabarovsk", "Vladivostok", "Murmansk", "Odessa", "Kharkov;Kharkiv", "Sevastopol", "Yalta", "Sochi",
    "Kaliningrad;Königsberg", "Leipzig", "Dresden", "Rostock", "Karl-Marx-Stadt;Chemnitz", "Magdeburg",
    "Hamburg", "Munich;München", "Frankfurt", "Düsseldorf;Dusseldorf", "Cologne;Köln", "Gdańsk;Danzig",
    "Gdynia", "Szczecin;Stettin", "Kraków;Cracow;Krakow", "Łódź;Lodz", "Poznań;Poznan", "Wrocław;Breslau",
    "Katowice;Stalinogród", "Bratislava;Pressburg", "Brno", "Ostrava", "Debrecen", "Szeged", "Cluj;Kolozsvár",
    "Constanța;Constanta", "Timișoara;Timisoara", "Varna", "Plovdiv", "Zagreb", "Ljubljana", "Sarajevo",
    "Skopje", "Titograd;Podgorica", "Split", "Trieste", "Durrës;Durazzo", "Shanghai", "Canton;Guangzhou",
    "Nanking;Nanjing", "Wuhan", "Chungking;Chongqing", "Mukden;Shenyang", "Harbin", "Dairen;Dalian",
    "Port Arthur;Lüshun", "Urumchi;Urumqi", "Lhasa", "Hong Kong", "Macao;Macau", "Kaesong", "Panmunjom",
    "Wonsan", "Hue", "Da Nang;Tourane", "Haiphong", "Dien Bien Phu", "Calcutta;Kolkata", "Bombay;Mumbai",
    "Madras;Chennai", "Dacca;Dhaka", "Lahore", "Peshawar", "Herat", "Kandahar", "Mosul", "Basra", "Kirkuk",
    "Aleppo", "Alexandria", "Port Said", "Suez", "Gaza", "Benghazi", "Oran", "Casablanca", "Tangier",
    "Asmara", "Djibouti", "Zanzibar Town", "Brazzaville", "Bangui", "Yaoundé;Yaounde", "Abidjan", "Monrovia",
    "Freetown", "Nouakchott", "Niamey", "Ouagadougou", "Cotonou", "Lomé;Lome", "Kigali", "Bujumbura",
    "Antananarivo;Tananarive", "Windhoek", "Gaborone", "Maseru", "Blantyre", "Bulawayo", "Cape Town",
    "Durban", "Santo Domingo", "Port-au-Prince", "Kingston", "St. George's", "Georgetown", "Paramaribo",
    "Santiago de Cuba", "Guantánamo;Guantanamo", "Playa Girón", "Valparaíso;Valparaiso", "Córdoba;Cordoba",
    "São Paulo;Sao Paulo", "Recife", "Montreal", "Vancouver", "Anchorage", "Honolulu", "Helsinki-Vantaa",
    "Vladimir", "Yaroslavl", "Smolensk", "Kursk", "Tula", "Kazan", "Ufa", "Perm;Molotov", "Chelyabinsk",
    "Omsk", "Krasnoyarsk", "Magadan", "Norilsk", "Vorkuta", "Semipalatinsk", "Baikonur", "Arkhangelsk",
    "Petrozavodsk", "Pskov", "Novgorod", "Brest", "Lvov;Lwów;Lviv", "Uzhgorod", "Chernovtsy;Czernowitz",
    "Zaporozhye", "Dnepropetrovsk", "Donetsk;Stalino", "Krasnodar", "Grozny", "Makhachkala", "Sukhumi",
    "Batumi", "Samarkand", "Bukhara", "Karaganda", "Tselinograd;Akmolinsk", "Ust-Kamenogorsk",
};

// Scholars credited with contributing, translating and transcribing
// (invented: the archive's staff, not the historical actors).
constexpr std::string_view kScholars[] = {
    "Miriam Kessler", "Ilse Marwede", "Rachel Okafor-Dunn", "Dmitri Vasilenko", "Hanna Lindqvist",
    "Paulo Mendes Falcão", "Ewa Zawadzka", "Owen Tremlett", "Natalia Chirkova", "Benedikt Raschke",
    "Lucía Barragán", "Kenji Arakawa", "Yelena Demidova", "Marek Hlaváček", "Anouk Verbeek",
    "Samuel Adeyemi", "Clara Feodorova", "Tomasz Rybicki", "Ingrid Solheim", "Gábor Halmai",
    "Bianca Stoenescu", "Nikolai Petrenko-Hale", "Zhao Lianhua", "Nguyen Thi Lan", "Park Ji-yeon",
    "Layla Haddadin", "Jonas Ehrenfeld", "Martina Kořínková", "Alexei Zubarev", "Sophie Marchetti",
    "Daniel Ostrowski", "Irina Baltazar", "Farid Benali", "Teresa Gomes da Silva", "Boris Lemaire",
    "Katarzyna Nowicka-Bell", "Viktor Sandor", "Emily Harrow", "Oleksandr Hrytsenko", "Mei-ling Chou",
    "Andrzej Kamiński", "Petra Wendland", "Ruth Abramowitz", "Giorgi Kvaratskhelia", "Saule Nurpeisova",
    "Hamid Tavakoli", "Elif Aydemir", "Jakob Sturm", "Veronika Šimková", "Liam Cassidy", "Ana Vukadinović",
    "Erdene Bold", "Pham Minh Tuan", "Carmen Iturbide", "Olga Krasnova", "Thomas Aldred",
    "Ilona Szalai", "Radu Pârvulescu", "Svetla Dimova", "Arben Kola", "James R. Whitfield", "Mary-Ann Coles",
    "Henrik Dahl", "Yuki Tanabe", "Amira Saleh",
};

// Subjects of titles and summaries; '%' stands for a country.
constexpr std::string_view kTopics[] = {
    "the Berlin question", "the situation in %", "economic cooperation with %", "the peace treaty with Germany",
    "the visit of a party delegation to %", "deliveries of weapons to %", "the border dispute with %",
    "the activities of the opposition in %", "the Sino-Soviet dispute", "the war in Vietnam",
    "the Korean armistice", "the Suez crisis", "the events in Hungary", "the Caribbean crisis",
    "the events in Czechoslovakia", "the situation in the Middle East", "the Warsaw Pact",
    "the Council for Mutual Economic Assistance", "credits and trade with %", "the disarmament talks",
    "the nuclear test ban", "the conference of communist and workers' parties", "the recognition of the GDR",
    "the elections in %", "the agrarian reform in %", "the situation in the party", "the Geneva conference",
    "the non-aligned movement", "the liberation movements in Africa", "the question of Taiwan",
    "the situation in Laos", "the Kashmir question", "the oil concessions in %", "the Palestinian question",
    "the reunification of Korea", "the negotiations with the United States", "the visit of Khrushchev to %",
    "the Helsinki conference", "the strikes in Poland", "the war in Afghanistan", "the situation in Angola",
    "the Horn of Africa", "the deployment of missiles in Europe", "reforms in the Soviet Union",
    "relations between the two parties", "scientific and technical cooperation", "the training of cadres",
    "the construction of a steel plant in %", "the grain deliveries", "the refugees from %",
    "the repatriation of prisoners of war", "the status of West Berlin", "the Danube commission",
    "the fishing rights in the Baltic", "the Olympic Games", "the cultural agreement with %",
    "the Chinese representation in the United Nations", "the withdrawal of troops from %",
    "the anniversary of the October Revolution", "the situation on the border", "the party congress",
    "the Hallstein doctrine", "the Cuban revolution", "the coup in %", "the nationalisation of the canal",
};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    std::string_view part = s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
    if (!part.empty()) out.emplace_back(part);
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

Person parse_person(std::string_view line) {
  // Fields by position (split() would drop the empty ones).
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = line.find('|', start);
    fields.push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  fields.resize(4);
  Person p;
  p.titles = split(fields[0], ';');
  p.full = split(fields[1], ';');
  p.short_forms = split(fields[2], ';');
  p.variants = split(fields[3], ';');
  if (p.short_forms.empty()) p.short_forms = {p.full.front()};
  return p;
}

// Country names from Debian's iso-codes, in file order: the common name
// when there is one ("Bolivia" rather than "Bolivia, Plurinational State
// of"); names that still hold a comma would break a title, so they are left out.
void add_iso_countries(const std::string& dir, std::vector<Place>& places, std::set<std::string>& seen) {
  namespace fs = std::filesystem;
  for (const char* file : {"iso_3166-1.json", "iso_3166-3.json"}) {
    fs::path p = fs::path(dir) / file;
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot read '" + p.string() + "'");
    nlohmann::json j;
    try {
      in >> j;
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error("'" + p.string() + "' is not valid JSON: " + e.what());
    }
    for (const auto& [key, list] : j.items()) {
      if (!list.is_array()) continue;
      for (const auto& c : list) {
        std::string name = c.value("common_name", c.value("name", ""));
        if (name.empty() || name.find(',') != std::string::npos || !seen.insert(name).second) continue;
        places.push_back(Place{{name}, false});
      }
    }
  }
}

}  // namespace

Pools build_pools(const std::string& iso_codes_dir) {
  Pools pools;
  for (auto line : kPersons) pools.persons.push_back(parse_person(line));
  for (auto line : kInventedPersons) {
    pools.persons.push_back(parse_person(line));
    pools.persons.back().invented = true;
  }
  // q = 8: the first persons are common but do not drown the rest.
  auto pw = AliasTable::zipf_weights(pools.persons.size(), 8.0);
  pools.person_table = AliasTable(pw);

  std::set<std::string> seen;
  for (auto c : kCountries) {
    Place p{split(c, ';'), false};
    for (const auto& n : p.names) seen.insert(n);
    pools.places.push_back(std::move(p));
  }
  if (!iso_codes_dir.empty()) add_iso_countries(iso_codes_dir, pools.places, seen);
  for (std::uint32_t i = 0; i < pools.places.size(); ++i) pools.countries.push_back(i);
  for (auto c : kCities) {
    pools.cities.push_back(static_cast<std::uint32_t>(pools.places.size()));
    pools.places.push_back(Place{split(c, ';'), true});
  }
  // Interleave ranks so that both the first countries and the first cities
  // are frequent: rank of country k is 2k, of city k is 2k+1.
  std::vector<double> weights(pools.places.size());
  for (std::size_t k = 0; k < pools.countries.size(); ++k) weights[pools.countries[k]] = 1.0 / (2.0 * k + 1 + 12.0);
  for (std::size_t k = 0; k < pools.cities.size(); ++k) weights[pools.cities[k]] = 1.0 / (2.0 * k + 2 + 12.0);
  pools.place_table = AliasTable(weights);

  pools.scholars.assign(std::begin(kScholars), std::end(kScholars));
  pools.topics.assign(std::begin(kTopics), std::end(kTopics));
  return pools;
}

PoolSizes pool_sizes(const Pools& p) {
  return {p.persons.size(), p.places.size(), p.countries.size(), p.cities.size(), p.scholars.size(),
          p.topics.size()};
}

}  // namespace opis
