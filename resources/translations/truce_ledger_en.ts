<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n killed</source>
        <translation>
            <numerusform>%n killed</numerusform>
            <numerusform>%n killed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) shown, at least {killed} killed</source>
        <translation>
            <numerusform>%n breach shown, at least {killed} killed</numerusform>
            <numerusform>%n breaches shown, at least {killed} killed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es)</source>
        <translation>
            <numerusform>%n breach</numerusform>
            <numerusform>%n breaches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n source</numerusform>
            <numerusform>%n sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This source cannot be deleted: it is cited by %n breach(es). Merge it into another source instead.</source>
        <translation>
            <numerusform>This source cannot be deleted: it is cited by %n breach. Merge it into another source instead.</numerusform>
            <numerusform>This source cannot be deleted: it is cited by %n breaches. Merge it into another source instead.</numerusform>
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
        <source>{name} lacks %n column(s) an import needs: {columns} (its first row must name the columns, as the Breaches sheet of an export does).</source>
        <translation>
            <numerusform>{name} lacks %n column an import needs: {columns} (its first row must name the columns, as the Breaches sheet of an export does).</numerusform>
            <numerusform>{name} lacks %n columns an import needs: {columns} (its first row must name the columns, as the Breaches sheet of an export does).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The truce {name} cannot be deleted: it has %n breach(es). Give them another truce in the editor first.</source>
        <translation>
            <numerusform>The truce {name} cannot be deleted: it has %n breach. Give them another truce in the editor first.</numerusform>
            <numerusform>The truce {name} cannot be deleted: it has %n breaches. Give them another truce in the editor first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(Of these, %n breach(es) in the Trash.)</source>
        <translation>
            <numerusform>(Of these, %n breach in the Trash.)</numerusform>
            <numerusform>(Of these, %n breaches in the Trash.)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>; and %n more</numerusform>
            <numerusform>; and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): {new} new, {updated} updated, {unchanged} unchanged, {refused} refused</source>
        <translation>
            <numerusform>%n row: {new} new, {updated} updated, {unchanged} unchanged, {refused} refused</numerusform>
            <numerusform>%n rows: {new} new, {updated} updated, {unchanged} unchanged, {refused} refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): {new} would be new, {updated} would be updated, {unchanged} unchanged, {refused} refused (dry run: nothing written)</source>
        <translation>
            <numerusform>%n row: {new} would be new, {updated} would be updated, {unchanged} unchanged, {refused} refused (dry run: nothing written)</numerusform>
            <numerusform>%n rows: {new} would be new, {updated} would be updated, {unchanged} unchanged, {refused} refused (dry run: nothing written)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n column(s) not read, their values not imported: {columns}</source>
        <translation>
            <numerusform>%n column not read, their values not imported: {columns}</numerusform>
            <numerusform>%n columns not read, their values not imported: {columns}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more row(s)</source>
        <translation>
            <numerusform>and %n more row</numerusform>
            <numerusform>and %n more rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{refused} of %n row(s) cannot be imported; nothing was written</source>
        <translation>
            <numerusform>{refused} of %n row cannot be imported; nothing was written</numerusform>
            <numerusform>{refused} of %n rows cannot be imported; nothing was written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) added or updated</source>
        <translation>
            <numerusform>%n source added or updated</numerusform>
            <numerusform>%n sources added or updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n history entr(ies) brought in</source>
        <translation>
            <numerusform>%n history entry brought in</numerusform>
            <numerusform>%n history entries brought in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge "{merged}" into "{kept}"? %n breach(es) citing "{merged}" will cite "{kept}" instead, and "{merged}" leaves the list.</source>
        <translation>
            <numerusform>Merge "{merged}" into "{kept}"? %n breach citing "{merged}" will cite "{kept}" instead, and "{merged}" leaves the list.</numerusform>
            <numerusform>Merge "{merged}" into "{kept}"? %n breaches citing "{merged}" will cite "{kept}" instead, and "{merged}" leaves the list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged into {kept}: %n breach(es) changed.</source>
        <translation>
            <numerusform>Merged into {kept}: %n breach changed.</numerusform>
            <numerusform>Merged into {kept}: %n breaches changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
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
        <source>This truce has %n breach(es).</source>
        <translation>
            <numerusform>This truce has %n breach.</numerusform>
            <numerusform>This truce has %n breaches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It also has %n breach(es) in the Trash.</source>
        <translation>
            <numerusform>It also has %n breach in the Trash.</numerusform>
            <numerusform>It also has %n breaches in the Trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) moved to another week since the truce.</source>
        <translation>
            <numerusform>%n breach moved to another week since the truce.</numerusform>
            <numerusform>%n breaches moved to another week since the truce.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) will be in another week since the truce.</source>
        <translation>
            <numerusform>%n breach will be in another week since the truce.</numerusform>
            <numerusform>%n breaches will be in another week since the truce.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) left the truce (no longer within its dates).</source>
        <translation>
            <numerusform>%n breach left the truce (no longer within its dates).</numerusform>
            <numerusform>%n breaches left the truce (no longer within its dates).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) will leave the truce: the new dates leave their days out.</source>
        <translation>
            <numerusform>%n breach will leave the truce: the new dates leave their days out.</numerusform>
            <numerusform>%n breaches will leave the truce: the new dates leave their days out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) of no truce joined it.</source>
        <translation>
            <numerusform>%n breach of no truce joined it.</numerusform>
            <numerusform>%n breaches of no truce joined it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) of no truce will join it: the new dates take in their days.</source>
        <translation>
            <numerusform>%n breach of no truce will join it: the new dates take in their days.</numerusform>
            <numerusform>%n breaches of no truce will join it: the new dates take in their days.</numerusform>
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
