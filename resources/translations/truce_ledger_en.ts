<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n breach(es) shown, at least {killed} killed</source>
        <translation>
            <numerusform>%n breach shown, at least {killed} killed</numerusform>
            <numerusform>%n breaches shown, at least {killed} killed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{label} ({count}) cannot be below the %n named victim(s) it lists.</source>
        <translation>
            <numerusform>{label} ({count}) cannot be below the %n named victim it lists.</numerusform>
            <numerusform>{label} ({count}) cannot be below the %n named victims it lists.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted breach(es). Restore brings a breach back into every list and total.</source>
        <translation>
            <numerusform>%n deleted breach. Restore brings a breach back into every list and total.</numerusform>
            <numerusform>%n deleted breaches. Restore brings a breach back into every list and total.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore of %n breach(es)</source>
        <translation>
            <numerusform>Restore of %n breach</numerusform>
            <numerusform>Restore of %n breaches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete of %n breach(es)</source>
        <translation>
            <numerusform>Delete of %n breach</numerusform>
            <numerusform>Delete of %n breaches</numerusform>
        </translation>
    </message>
</context>
</TS>
