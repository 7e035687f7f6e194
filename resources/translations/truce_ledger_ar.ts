<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Cannot open the database</source>
        <translation>تعذّر فتح قاعدة البيانات</translation>
    </message>
    <message>
        <source>Show that breach</source>
        <translation>عرض ذلك الخرق</translation>
    </message>
    <message>
        <source>Save an&amp;yway</source>
        <translation>حفظ ر&amp;غم ذلك</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>الخرق</translation>
    </message>
    <message>
        <source>History</source>
        <translation>سجل التعديلات</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>حفظ (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save and new</source>
        <translation>حفظ وخرق جديد</translation>
    </message>
    <message>
        <source>Save, then start a breach with the same date, place and source (Ctrl+Shift+S)</source>
        <translation>حفظ، ثم بدء خرق جديد بالتاريخ والمكان والمصدر نفسها (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close the editor (Esc)</source>
        <translation>إغلاق المحرر (Esc)</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>إيقاف الانتظار</translation>
    </message>
    <message>
        <source>The breach stays in the form: save it later with Ctrl+S</source>
        <translation>يبقى الخرق في النموذج: احفظه لاحقًا بالضغط على Ctrl+S</translation>
    </message>
    <message>
        <source>New breach</source>
        <translation>خرق جديد</translation>
    </message>
    <message>
        <source>Breach of {day}, {place}</source>
        <translation>خرق {day}، {place}</translation>
    </message>
    <message>
        <source>no place given</source>
        <translation>مكان غير محدد</translation>
    </message>
    <message>
        <source>This breach holds a count outside 0 to {limit}, left by an older version: {counts}. The form shows the nearest figure it can hold; type the right one, and save.</source>
        <translation>في هذا الخرق عدد خارج المجال من 0 إلى {limit}، تركه إصدار أقدم من البرنامج: {counts}. يعرض النموذج أقرب رقم يتسع له؛ اكتب الرقم الصحيح، ثم احفظ.</translation>
    </message>
    <message numerus="yes">
        <source>%n killed</source>
        <translation>
            <numerusform>لا قتلى</numerusform>
            <numerusform>قتيل واحد</numerusform>
            <numerusform>قتيلان</numerusform>
            <numerusform>%n قتلى</numerusform>
            <numerusform>%n قتيلًا</numerusform>
            <numerusform>%n قتيل</numerusform>
        </translation>
    </message>
    <message>
        <source>{day}, {place}, {governorate}, {kind}, {killed}</source>
        <translation>{day}، {place}، {governorate}، {kind}، {killed}</translation>
    </message>
    <message>
        <source>{day}, {governorate}, {kind}, {killed}</source>
        <translation>{day}، {governorate}، {kind}، {killed}</translation>
    </message>
    <message>
        <source>The breach is not saved yet</source>
        <translation>لم يُحفظ الخرق بعد</translation>
    </message>
    <message>
        <source>Another copy of Truce Ledger is still writing to {name}, so the breach in the editor is not saved yet. Quit anyway? The breach is kept as a draft, and offered back the next time Truce Ledger opens {name}.</source>
        <translation>لا تزال نسخة أخرى من سجل الهدنة تكتب في {name}، لذا لم يُحفظ الخرق المفتوح في المحرر بعد. هل تريد الخروج رغم ذلك؟ يُحتفظ بالخرق في مسودة، ويُعرض عليك من جديد في المرة القادمة التي يفتح فيها سجل الهدنة {name}.</translation>
    </message>
    <message>
        <source>Close the editor?</source>
        <translation>إغلاق المحرر؟</translation>
    </message>
    <message>
        <source>New perpetrator</source>
        <translation>جهة منفذة جديدة</translation>
    </message>
    <message>
        <source>“{name}” is not in the list of perpetrators. Add it to the list?</source>
        <translation>«{name}» ليست في قائمة الجهات المنفذة. هل تريد إضافتها إلى القائمة؟</translation>
    </message>
    <message>
        <source>Choose a perpetrator from the list, or agree to add this one.</source>
        <translation>اختر جهة منفذة من القائمة، أو وافق على إضافة هذه الجهة.</translation>
    </message>
    <message>
        <source>This looks like a breach already recorded: {summary}. Save it only if it is a different incident.</source>
        <translation>يبدو أن هذا الخرق مسجَّل من قبل: {summary}. لا تحفظه إلا إذا كان حادثة مختلفة.</translation>
    </message>
    <message>
        <source>The breach was not saved</source>
        <translation>لم يُحفظ الخرق</translation>
    </message>
    <message>
        <source>Your edits are still in the form. The reason: {reason}</source>
        <translation>تعديلاتك لا تزال في النموذج. السبب: {reason}</translation>
    </message>
    <message>
        <source>The breach was saved: the other copy of Truce Ledger finished writing to {name}.</source>
        <translation>حُفظ الخرق: أنهت النسخة الأخرى من سجل الهدنة الكتابة في {name}.</translation>
    </message>
    <message>
        <source>Waiting for another copy of Truce Ledger to finish writing to {name} (an import or a merge)… The breach will be saved as soon as it can.</source>
        <translation>بانتظار أن تُنهي نسخة أخرى من سجل الهدنة الكتابة في {name} (استيراد أو دمج)… سيُحفظ الخرق حالما يصبح ذلك ممكنًا.</translation>
    </message>
    <message>
        <source>Not saved yet: the breach stays in the form (and in a draft beside the database). Press Ctrl+S to save it.</source>
        <translation>لم يُحفظ بعد: يبقى الخرق في النموذج (وفي مسودة بجانب قاعدة البيانات). اضغط Ctrl+S لحفظه.</translation>
    </message>
    <message>
        <source>The breach it resembles</source>
        <translation>الخرق المشابه</translation>
    </message>
    <message>
        <source>{day} {time}
{place}, {district}
Killed: {killed}, injured: {injured}
Sources: {sources}

{description}</source>
        <translation>{day} {time}
{place}، {district}
القتلى: {killed}، الجرحى: {injured}
المصادر: {sources}

{description}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>HH:MM, if known</source>
        <translation>الوقت إن عُرف، مثل 14:30</translation>
    </message>
    <message>
        <source>e.g. 36.2021</source>
        <translation>مثلًا 36.2021</translation>
    </message>
    <message>
        <source>e.g. 37.1343</source>
        <translation>مثلًا 37.1343</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>غير معروفة</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>When</source>
        <translation>الزمان</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>التا&amp;ريخ</translation>
    </message>
    <message>
        <source>Ti&amp;me</source>
        <translation>ال&amp;وقت</translation>
    </message>
    <message>
        <source>Truce</source>
        <translation>الهدنة</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>&amp;Governorate</source>
        <translation>الم&amp;حافظة</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>الم&amp;كان</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>خط العرض</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>خط الطول</translation>
    </message>
    <message>
        <source>Who and what</source>
        <translation>الجهة المنفذة ونوع الخرق</translation>
    </message>
    <message>
        <source>Pe&amp;rpetrator</source>
        <translation>الجهة المنف&amp;ذة</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>ال&amp;نوع</translation>
    </message>
    <message>
        <source>Gradi&amp;ng</source>
        <translation>الت&amp;صنيف</translation>
    </message>
    <message>
        <source>Casualties</source>
        <translation>الخسائر البشرية</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>على الأقل</translation>
    </message>
    <message>
        <source>up to</source>
        <translation>على الأكثر</translation>
    </message>
    <message>
        <source>&amp;Killed</source>
        <translation>ال&amp;قتلى</translation>
    </message>
    <message>
        <source>of whom &amp;women</source>
        <translation>منهم ن&amp;ساء</translation>
    </message>
    <message>
        <source>of whom c&amp;hildren</source>
        <translation>منهم أ&amp;طفال</translation>
    </message>
    <message>
        <source>&amp;Injured</source>
        <translation>ال&amp;جرحى</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Des&amp;cription</source>
        <translation>الوص&amp;ف</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>Named victims</source>
        <translation>أسماء الضحايا</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا توجد</translation>
    </message>
    <message>
        <source>By date: {name}</source>
        <translation>حسب التاريخ: {name}</translation>
    </message>
    <message>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Perpetrator</source>
        <translation>الجهة المنفذة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Killed</source>
        <translation>القتلى</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>النساء</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>الأطفال</translation>
    </message>
    <message>
        <source>Injured</source>
        <translation>الجرحى</translation>
    </message>
    <message>
        <source>Grading</source>
        <translation>التصنيف</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No breaches recorded yet&lt;/h3&gt;&lt;p&gt;A new office sets up two things first:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Settings → Truces…&lt;/b&gt;: the truce its weeks count from. Week 1 of the Weekly totals is the day the truce went into force and the six days after it; without a truce they show calendar weeks.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Settings → Settings…&lt;/b&gt;: the office&apos;s name, written on every breach and on every exported workbook.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Then press &lt;b&gt;Ctrl+N&lt;/b&gt; (Edit → New breach) to record the first one: its date, place, perpetrator, casualties and the sources that reported it.&lt;/p&gt;&lt;p&gt;To look around first, open the demo: the first week of the nationwide ceasefire of 29 December 2016, in a file of its own.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;لم يُسجَّل أي خرق بعد&lt;/h3&gt;&lt;p&gt;يبدأ المكتب الجديد بإعداد أمرين:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;إعدادات ← الهدن…&lt;/b&gt;: الهدنة التي تُحسب منها الأسابيع. الأسبوع الأول في الحصيلة الأسبوعية هو يوم بدء سريان الهدنة والأيام الستة التي تليه؛ ومن دون هدنة تُعرض أسابيع تقويمية.&lt;/li&gt;&lt;li&gt;&lt;b&gt;إعدادات ← الإعدادات…&lt;/b&gt;: اسم المكتب، ويُكتب على كل خرق وعلى كل مصنف يُصدَّر.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;ثم اضغط &lt;b&gt;Ctrl+N&lt;/b&gt; (تحرير ← خرق جديد) لتسجيل الخرق الأول: تاريخه ومكانه والجهة المنفذة والخسائر البشرية والمصادر التي أبلغت عنه.&lt;/p&gt;&lt;p&gt;وللتعرّف على البرنامج أولًا، افتح الملف التجريبي: الأسبوع الأول من وقف إطلاق النار الشامل في 29 كانون الأول 2016، في ملف مستقل.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the &amp;demo week</source>
        <translation>فتح الأس&amp;بوع التجريبي</translation>
    </message>
    <message>
        <source>Start a new breach?</source>
        <translation>بدء خرق جديد؟</translation>
    </message>
    <message>
        <source>Duplicate another breach?</source>
        <translation>استنساخ خرق آخر؟</translation>
    </message>
    <message>
        <source>Open another breach?</source>
        <translation>فتح خرق آخر؟</translation>
    </message>
    <message>
        <source>A breach was not saved</source>
        <translation>خرق لم يُحفظ</translation>
    </message>
    <message>
        <source>The program stopped while a breach ({day}, {place}) was being typed, before it was saved. Open it in the editor to finish it?</source>
        <translation>توقف البرنامج أثناء إدخال خرق ({day}، {place}) وقبل حفظه. هل تريد فتحه في المحرر لإكماله؟</translation>
    </message>
    <message>
        <source>Delete this breach?</source>
        <translation>حذف هذا الخرق؟</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>لم يُحذف</translation>
    </message>
    <message>
        <source>This step cannot be undone</source>
        <translation>لا يمكن التراجع عن هذه الخطوة</translation>
    </message>
    <message>
        <source>Breaches shown: {n}. The killed are not added up: {reason}</source>
        <translation>الخروقات المعروضة: {n}. لم يُجمع عدد القتلى: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) shown, at least {killed} killed</source>
        <translation>
            <numerusform>لا توجد خروقات مطابقة</numerusform>
            <numerusform>خرق واحد معروض، وعدد القتلى {killed} على الأقل</numerusform>
            <numerusform>خرقان معروضان، وعدد القتلى {killed} على الأقل</numerusform>
            <numerusform>%n خروقات معروضة، وعدد القتلى {killed} على الأقل</numerusform>
            <numerusform>%n خرقًا معروضًا، وعدد القتلى {killed} على الأقل</numerusform>
            <numerusform>%n خرق معروض، وعدد القتلى {killed} على الأقل</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>جارٍ قراءة الملف {name}…</translation>
    </message>
    <message>
        <source>Nothing to import</source>
        <translation>لا شيء للاستيراد</translation>
    </message>
    <message>
        <source>{name}: all {rows} rows are already in this database.</source>
        <translation>الملف {name}: جميع صفوفه ({rows}) موجودة مسبقًا في قاعدة البيانات هذه.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>{name}: {new} new breaches, {updated} updated, {unchanged} unchanged.
Import them?</source>
        <translation>الملف {name}: خروقات جديدة: {new}، ومحدَّثة: {updated}، ومن دون تغيير: {unchanged}.
هل تريد استيرادها؟</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>جارٍ استيراد الملف {name}…</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>تم الاستيراد</translation>
    </message>
    <message>
        <source>{name}: {new} new breaches, {updated} updated.</source>
        <translation>الملف {name}: خروقات جديدة: {new}، ومحدَّثة: {updated}.</translation>
    </message>
    <message>
        <source>{name} changed after it was read, so nothing was imported. This is what importing it as it is now would do.</source>
        <translation>تغيّر {name} بعد قراءته، فلم يُستورد شيء. هذا ما سيفعله استيراده كما هو الآن.</translation>
    </message>
    <message>
        <source>Another copy of the program changed breaches or lists this import would write, so nothing was imported. This is what importing {name} would do now.</source>
        <translation>غيّرت نسخة أخرى من البرنامج خروقات أو قوائم كان هذا الاستيراد سيكتبها، فلم يُستورد شيء. هذا ما سيفعله استيراد {name} الآن.</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>الصف {row}: {reason}</translation>
    </message>
    <message>
        <source>…and {n} more rows.</source>
        <translation>…وصفوف أخرى عددها {n}.</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>لم يتم الاستيراد</translation>
    </message>
    <message>
        <source>{name}: {refused} of {rows} rows cannot be imported, so nothing was. Correct them and import the file again.

{rows_text}</source>
        <translation>الملف {name}: عدد الصفوف التي لا يمكن استيرادها {refused} من أصل {rows}، فلم يُستورد شيء. صحّحها واستورد الملف مجددًا.

{rows_text}</translation>
    </message>
    <message>
        <source>Merging {name}…</source>
        <translation>جارٍ دمج الملف {name}…</translation>
    </message>
    <message>
        <source>Not merged</source>
        <translation>لم يتم الدمج</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>تم الدمج</translation>
    </message>
    <message>
        <source>{name}: {added} breaches added, {updated} updated, {deleted} deleted, {left} left as they were; {sources} sources added or updated.</source>
        <translation>الملف {name}: خروقات مضافة: {added}، ومحدَّثة: {updated}، ومحذوفة: {deleted}، وباقية كما كانت: {left}؛ ومصادر مضافة أو محدَّثة: {sources}.</translation>
    </message>
    <message>
        <source>{name} (new source)</source>
        <translation>{name} (مصدر جديد)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Date reported</source>
        <translation>تاريخ الإبلاغ</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>إزالة المصدر</translation>
    </message>
    <message>
        <source>Source: type a name</source>
        <translation>المصدر: اكتب اسمًا</translation>
    </message>
    <message>
        <source>Reference: link or description</source>
        <translation>المرجع: رابط أو وصف</translation>
    </message>
    <message>
        <source>Add so&amp;urce</source>
        <translation>إ&amp;ضافة المصدر</translation>
    </message>
    <message>
        <source>New source</source>
        <translation>مصدر جديد</translation>
    </message>
    <message>
        <source>No source is called &quot;{name}&quot;. Make a new source of that name?</source>
        <translation>لا يوجد مصدر باسم «{name}». هل تريد إنشاء مصدر جديد بهذا الاسم؟</translation>
    </message>
    <message>
        <source>{name} is already cited by this breach (row {n}).</source>
        <translation>المصدر {name} مذكور في هذا الخرق من قبل (السطر {n}).</translation>
    </message>
    <message>
        <source>any date, e.g. 4.1.2017</source>
        <translation>أي تاريخ، مثل 4.1.2017</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>أي يوم</translation>
    </message>
    <message>
        <source>no date yet</source>
        <translation>لم يُدخَل تاريخ بعد</translation>
    </message>
    <message>
        <source>Truce Ledger database (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>قاعدة بيانات سجل الهدنة (*.sqlite3 *.sqlite *.db);;جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تعديلات غير محفوظة</translation>
    </message>
    <message>
        <source>You have changes that are not saved.</source>
        <translation>لديك تعديلات لم تُحفظ.</translation>
    </message>
    <message>
        <source>Who is typing?</source>
        <translation>من يكتب؟</translation>
    </message>
    <message>
        <source>Your name or initials, kept with each breach you save: a full workbook shows them, a workbook for the press never does. Settings can change them later.</source>
        <translation>اسمك أو الأحرف الأولى منه، يُحفظ مع كل خرق تحفظه: يظهر في المصنف الكامل، ولا يظهر أبدًا في مصنف الصحافة. يمكن تغييره لاحقًا من الإعدادات.</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>فتح قاعدة بيانات</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>قاعدة بيانات جديدة</translation>
    </message>
    <message>
        <source>Save a copy of the database</source>
        <translation>حفظ نسخة من قاعدة البيانات</translation>
    </message>
    <message>
        <source>Export the full workbook</source>
        <translation>تصدير مصنف Excel الكامل</translation>
    </message>
    <message>
        <source>Export the workbook for press</source>
        <translation>تصدير مصنف Excel للصحافة</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>مصنف Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF for the press</source>
        <translation>ملف بي دي إف للصحافة</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>مستند بي دي إف (*.pdf)</translation>
    </message>
    <message>
        <source>Import breaches</source>
        <translation>استيراد خروقات</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>جداول بيانات (*.xlsx *.csv);;جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Merge the database of another office</source>
        <translation>دمج قاعدة بيانات مكتب آخر</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>هل تريد استبدال الملف؟</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>الملف {name} موجود مسبقًا. هل تريد استبداله؟</translation>
    </message>
    <message>
        <source>Find in place or description (Ctrl+F)</source>
        <translation>بحث في المكان أو الوصف (Ctrl+F)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Any grading</source>
        <translation>أي تصنيف</translation>
    </message>
    <message>
        <source>Confirmed only</source>
        <translation>المؤكَّدة فقط</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>not a day</source>
        <translation>تاريخ غير صالح</translation>
    </message>
    <message>
        <source>All governorates</source>
        <translation>جميع المحافظات</translation>
    </message>
    <message>
        <source>All perpetrators</source>
        <translation>جميع الجهات المنفذة</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>جميع الأنواع</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>What</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>{field}: changed ({before} → {after})</source>
        <translation>{field}: تغيّر ({before} → {after})</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field}: {before} → {after}</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Killed (up to)</source>
        <translation>القتلى (الحد الأعلى)</translation>
    </message>
    <message>
        <source>Women killed</source>
        <translation>القتلى من النساء</translation>
    </message>
    <message>
        <source>Women killed (up to)</source>
        <translation>القتلى من النساء (الحد الأعلى)</translation>
    </message>
    <message>
        <source>Children killed</source>
        <translation>القتلى من الأطفال</translation>
    </message>
    <message>
        <source>Children killed (up to)</source>
        <translation>القتلى من الأطفال (الحد الأعلى)</translation>
    </message>
    <message>
        <source>Injured (up to)</source>
        <translation>الجرحى (الحد الأعلى)</translation>
    </message>
    <message>
        <source>Victims</source>
        <translation>الضحايا</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>تاريخ الحذف</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>الموثوقية</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>معلومات الاتصال</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>date reported</source>
        <translation>تاريخ الإبلاغ</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>age group</source>
        <translation>الفئة العمرية</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>المآل</translation>
    </message>
    <message>
        <source>civilian</source>
        <translation>مدني</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>تاريخ البدء</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>تاريخ الانتهاء</translation>
    </message>
    <message>
        <source>female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>child</source>
        <translation>طفل</translation>
    </message>
    <message>
        <source>adult</source>
        <translation>بالغ</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>قتيل</translation>
    </message>
    <message>
        <source>injured</source>
        <translation>جريح</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>مفقود</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>مُبلَّغ عنه</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>مؤكَّد</translation>
    </message>
    <message>
        <source>contested</source>
        <translation>مُختلَف عليه</translation>
    </message>
    <message>
        <source>discounted</source>
        <translation>مستبعَد</translation>
    </message>
    <message>
        <source>news network</source>
        <translation>شبكة إخبارية</translation>
    </message>
    <message>
        <source>activist</source>
        <translation>ناشط</translation>
    </message>
    <message>
        <source>medic</source>
        <translation>مسعف</translation>
    </message>
    <message>
        <source>hospital</source>
        <translation>مستشفى</translation>
    </message>
    <message>
        <source>civil defence</source>
        <translation>الدفاع المدني</translation>
    </message>
    <message>
        <source>official statement</source>
        <translation>بيان رسمي</translation>
    </message>
    <message>
        <source>witness</source>
        <translation>شاهد عيان</translation>
    </message>
    <message>
        <source>other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>A: completely reliable</source>
        <translation>أ: موثوق تمامًا</translation>
    </message>
    <message>
        <source>B: usually reliable</source>
        <translation>ب: موثوق عادةً</translation>
    </message>
    <message>
        <source>C: fairly reliable</source>
        <translation>ج: موثوق نسبيًا</translation>
    </message>
    <message>
        <source>D: not usually reliable</source>
        <translation>د: قليل الموثوقية</translation>
    </message>
    <message>
        <source>E: unreliable</source>
        <translation>هـ: غير موثوق</translation>
    </message>
    <message>
        <source>created</source>
        <translation>أُنشئ</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>عُدِّل</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>حُذف</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>استُعيد</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>الخروقات</translation>
    </message>
    <message>
        <source>Weekly totals</source>
        <translation>الحصيلة الأسبوعية</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>سلة المحذوفات</translation>
    </message>
    <message>
        <source>Trash ({n})</source>
        <translation>سلة المحذوفات ({n})</translation>
    </message>
    <message>
        <source> — demo</source>
        <translation> — ملف تجريبي</translation>
    </message>
    <message>
        <source>{file}{demo} — Truce Ledger</source>
        <translation>{file}{demo} — سجل الهدنة</translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es)</source>
        <translation>
            <numerusform>لا خروقات</numerusform>
            <numerusform>خرق واحد</numerusform>
            <numerusform>خرقان</numerusform>
            <numerusform>%n خروقات</numerusform>
            <numerusform>%n خرقًا</numerusform>
            <numerusform>%n خرق</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} in the Trash</source>
        <translation>{n} في سلة المحذوفات</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>لا مصادر</numerusform>
            <numerusform>مصدر واحد</numerusform>
            <numerusform>مصدران</numerusform>
            <numerusform>%n مصادر</numerusform>
            <numerusform>%n مصدرًا</numerusform>
            <numerusform>%n مصدر</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>قاعدة بيانات &amp;جديدة…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;فتح…</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>حفظ &amp;نسخة…</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>تغيير كلمة ال&amp;مرور…</translation>
    </message>
    <message>
        <source>Encr&amp;ypt this database…</source>
        <translation>ت&amp;شفير قاعدة البيانات هذه…</translation>
    </message>
    <message>
        <source>&amp;Export workbook for press…</source>
        <translation>&amp;تصدير مصنف Excel للصحافة…</translation>
    </message>
    <message>
        <source>Export &amp;full workbook…</source>
        <translation>تصدير مصنف Excel &amp;كامل…</translation>
    </message>
    <message>
        <source>&amp;Import breaches…</source>
        <translation>ا&amp;ستيراد خروقات…</translation>
    </message>
    <message>
        <source>&amp;Merge office database…</source>
        <translation>&amp;دمج قاعدة بيانات مكتب آخر…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;قفل</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;New breach</source>
        <translation>خرق &amp;جديد</translation>
    </message>
    <message>
        <source>&amp;Save breach</source>
        <translation>&amp;حفظ الخرق</translation>
    </message>
    <message>
        <source>Save and new with the same date, place and source</source>
        <translation>حفظ وبدء خرق جديد بالتاريخ والمكان والمصدر نفسها</translation>
    </message>
    <message>
        <source>&amp;Duplicate breach</source>
        <translation>ا&amp;ستنساخ الخرق</translation>
    </message>
    <message>
        <source>De&amp;lete breach</source>
        <translation>ح&amp;ذف الخرق</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;تراجع عن {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>إ&amp;عادة {what}</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>&amp;Breaches</source>
        <translation>ال&amp;خروقات</translation>
    </message>
    <message>
        <source>&amp;Weekly totals</source>
        <translation>ال&amp;حصيلة الأسبوعية</translation>
    </message>
    <message>
        <source>&amp;Sources</source>
        <translation>ال&amp;مصادر</translation>
    </message>
    <message>
        <source>Tr&amp;ash</source>
        <translation>&amp;سلة المحذوفات</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <source>&amp;Truces…</source>
        <translation>ال&amp;هدن…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>الملفات ال&amp;أخيرة</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;إعدادات</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>الشريط الرئيسي</translation>
    </message>
    <message>
        <source>The breach in the editor has changes that are not saved. Throw them away and undo?</source>
        <translation>في الخرق المفتوح في المحرر تعديلات لم تُحفظ. هل تريد التخلي عنها والتراجع عن الخطوة؟</translation>
    </message>
    <message>
        <source>The breach in the editor has changes that are not saved. Throw them away and redo?</source>
        <translation>في الخرق المفتوح في المحرر تعديلات لم تُحفظ. هل تريد التخلي عنها وإعادة الخطوة؟</translation>
    </message>
    <message>
        <source>Not redone yet</source>
        <translation>لم تُعَد الخطوة بعد</translation>
    </message>
    <message>
        <source>Another copy of Truce Ledger is writing to {name} (an import or a merge). Nothing was redone: press Ctrl+Shift+Z again in a moment.</source>
        <translation>نسخة أخرى من سجل الهدنة تكتب الآن في {name} (استيراد أو دمج). لم يُعَد شيء: اضغط Ctrl+Shift+Z مرة أخرى بعد لحظات.</translation>
    </message>
    <message>
        <source>Not undone yet</source>
        <translation>لم يجرِ التراجع بعد</translation>
    </message>
    <message>
        <source>Another copy of Truce Ledger is writing to {name} (an import or a merge). Nothing was undone: press Ctrl+Z again in a moment.</source>
        <translation>نسخة أخرى من سجل الهدنة تكتب الآن في {name} (استيراد أو دمج). لم يجرِ التراجع عن شيء: اضغط Ctrl+Z مرة أخرى بعد لحظات.</translation>
    </message>
    <message>
        <source>Import breaches?</source>
        <translation>استيراد خروقات؟</translation>
    </message>
    <message>
        <source>Merge another office&apos;s database?</source>
        <translation>دمج قاعدة بيانات مكتب آخر؟</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>مشفّر</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>غير مشفّر</translation>
    </message>
    <message>
        <source>Not created</source>
        <translation>لم تُنشأ قاعدة البيانات</translation>
    </message>
    <message>
        <source>{name} already exists. Choose Open to use it, or another name.</source>
        <translation>{name} موجود من قبل. اختر «فتح» لاستخدامه، أو اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>Open another database?</source>
        <translation>فتح قاعدة بيانات أخرى؟</translation>
    </message>
    <message>
        <source>Cannot make the demo</source>
        <translation>تعذّر إنشاء الملف التجريبي</translation>
    </message>
    <message>
        <source>Saving a copy of the database…</source>
        <translation>جارٍ حفظ نسخة من قاعدة البيانات…</translation>
    </message>
    <message>
        <source>The copy was not saved</source>
        <translation>لم تُحفظ النسخة</translation>
    </message>
    <message>
        <source>Copy saved to {path}</source>
        <translation>حُفظت النسخة في {path}</translation>
    </message>
    <message>
        <source>Quit Truce Ledger?</source>
        <translation>الخروج من سجل الهدنة؟</translation>
    </message>
    <message numerus="yes">
        <source>This source cannot be deleted: it is cited by %n breach(es). Merge it into another source instead.</source>
        <translation>
            <numerusform>لا يمكن حذف هذا المصدر الآن. ادمجه في مصدر آخر بدلًا من ذلك.</numerusform>
            <numerusform>لا يمكن حذف هذا المصدر: فهو مذكور في خرق واحد. ادمجه في مصدر آخر بدلًا من ذلك.</numerusform>
            <numerusform>لا يمكن حذف هذا المصدر: فهو مذكور في خرقين. ادمجه في مصدر آخر بدلًا من ذلك.</numerusform>
            <numerusform>لا يمكن حذف هذا المصدر: فهو مذكور في %n خروقات. ادمجه في مصدر آخر بدلًا من ذلك.</numerusform>
            <numerusform>لا يمكن حذف هذا المصدر: فهو مذكور في %n خرقًا. ادمجه في مصدر آخر بدلًا من ذلك.</numerusform>
            <numerusform>لا يمكن حذف هذا المصدر: فهو مذكور في %n خرق. ادمجه في مصدر آخر بدلًا من ذلك.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{label} ({count}) cannot be below the %n named victim(s) it lists.</source>
        <translation>
            <numerusform>لا يمكن أن تقل قيمة «{label}» ({count}) عن عدد الضحايا المذكورين بأسمائهم.</numerusform>
            <numerusform>لا يمكن أن تقل قيمة «{label}» ({count}) عن ضحية واحدة مذكورة باسمها.</numerusform>
            <numerusform>لا يمكن أن تقل قيمة «{label}» ({count}) عن ضحيتين مذكورتين باسميهما.</numerusform>
            <numerusform>لا يمكن أن تقل قيمة «{label}» ({count}) عن %n ضحايا مذكورين بأسمائهم.</numerusform>
            <numerusform>لا يمكن أن تقل قيمة «{label}» ({count}) عن %n ضحية مذكورة بالاسم.</numerusform>
            <numerusform>لا يمكن أن تقل قيمة «{label}» ({count}) عن %n ضحية مذكورة بالاسم.</numerusform>
        </translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>حقل «{label}» مطلوب.</translation>
    </message>
    <message>
        <source>{label} must be a date, like 4.1.2017 or 2017-01-04.</source>
        <translation>يجب أن يحوي حقل «{label}» تاريخًا، مثل 4.1.2017 أو 2017-01-04.</translation>
    </message>
    <message>
        <source>{label}: {value} is not a day of the calendar.</source>
        <translation>{label}: لا يوجد في التقويم يوم {value}.</translation>
    </message>
    <message>
        <source>{label}: the year must be between {first} and {last}.</source>
        <translation>{label}: يجب أن تكون السنة بين {first} و{last}.</translation>
    </message>
    <message>
        <source>{label} cannot be in the future.</source>
        <translation>لا يمكن أن يحوي حقل «{label}» تاريخًا في المستقبل.</translation>
    </message>
    <message>
        <source>Time must be a time of day, like 14:30.</source>
        <translation>يجب أن يُكتب الوقت بصيغة الساعة، مثل 14:30.</translation>
    </message>
    <message>
        <source>Truce is not in this database.</source>
        <translation>الهدنة غير موجودة في قاعدة البيانات هذه.</translation>
    </message>
    <message>
        <source>Governorate must be one of the gazetteer&apos;s governorates.</source>
        <translation>يجب أن تكون المحافظة إحدى المحافظات الواردة في الدليل الجغرافي.</translation>
    </message>
    <message>
        <source>Type must be one of the list of breach types.</source>
        <translation>يجب أن يكون نوع الخرق أحد الأنواع الواردة في قائمة أنواع الخروقات.</translation>
    </message>
    <message>
        <source>Perpetrator must be one of the list of actors.</source>
        <translation>يجب أن تكون الجهة المنفذة إحدى الجهات الواردة في قائمة الأطراف.</translation>
    </message>
    <message>
        <source>{label} is too long: at most {limit} characters.</source>
        <translation>حقل «{label}» طويل جدًا: الحد الأقصى لعدد الأحرف {limit}.</translation>
    </message>
    <message>
        <source>Description is too long: {length} characters, at most {limit}.</source>
        <translation>الوصف طويل جدًا: عدد أحرفه {length}، والحد الأقصى {limit}.</translation>
    </message>
    <message>
        <source>Give both latitude and longitude, or neither.</source>
        <translation>أدخِل خط العرض وخط الطول معًا، أو اتركهما فارغين.</translation>
    </message>
    <message>
        <source>{label} must be a number between -{limit} and {limit}.</source>
        <translation>يجب أن يحوي حقل «{label}» عددًا بين ‎-{limit} و{limit}.</translation>
    </message>
    <message>
        <source>Grading must be reported, confirmed, contested or discounted.</source>
        <translation>يجب أن يكون التصنيف: مُبلَّغ عنه أو مؤكَّد أو مُختلَف عليه أو مستبعَد.</translation>
    </message>
    <message>
        <source>{label} must be a whole number, 0 or more (at most {limit}).</source>
        <translation>يجب أن يحوي حقل «{label}» عددًا صحيحًا، 0 أو أكثر (لا يتجاوز {limit}).</translation>
    </message>
    <message>
        <source>{label} (up to) must be a whole number, 0 or more (at most {limit}).</source>
        <translation>يجب أن يحوي حقل «{label} (الحد الأعلى)» عددًا صحيحًا، 0 أو أكثر (لا يتجاوز {limit}).</translation>
    </message>
    <message>
        <source>{label} (up to) cannot be below {label} (at least), {least}.</source>
        <translation>لا يمكن أن تقل قيمة «{label} (الحد الأعلى)» عن قيمة «{label} (الحد الأدنى)»، وهي {least}.</translation>
    </message>
    <message>
        <source>Women ({women}) and children ({children}) killed add up to more than Killed ({killed}).</source>
        <translation>مجموع القتلى من النساء ({women}) والأطفال ({children}) يتجاوز عدد القتلى ({killed}).</translation>
    </message>
    <message>
        <source>Women ({women}) and children ({children}) killed (up to) add up to more than Killed (up to), {killed}.</source>
        <translation>مجموع القتلى من النساء ({women}) والأطفال ({children}) في الحد الأعلى يتجاوز الحد الأعلى لعدد القتلى، وهو {killed}.</translation>
    </message>
    <message>
        <source>Cite at least one source.</source>
        <translation>اذكر مصدرًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <source>This breach is in the Trash: restore it first.</source>
        <translation>هذا الخرق في سلة المحذوفات: استعِده أولًا.</translation>
    </message>
    <message>
        <source>Source {n}: choose a source.</source>
        <translation>المصدر {n}: اختر مصدرًا.</translation>
    </message>
    <message>
        <source>Source {n}: the source is not in this database.</source>
        <translation>المصدر {n}: المصدر غير موجود في قاعدة البيانات هذه.</translation>
    </message>
    <message>
        <source>Source {n}: the name is too long: at most {limit}.</source>
        <translation>المصدر {n}: الاسم طويل جدًا: الحد الأقصى لعدد الأحرف {limit}.</translation>
    </message>
    <message>
        <source>Source {n}: a source&apos;s name cannot hold &quot;;&quot; or &quot;؛&quot; (they separate sources in spreadsheets).</source>
        <translation>المصدر {n}: لا يمكن أن يحوي اسم المصدر &quot;;&quot; أو &quot;؛&quot; (فهما يفصلان بين المصادر في جداول البيانات).</translation>
    </message>
    <message>
        <source>Source {n}: date reported must be a date, like 2017-01-06.</source>
        <translation>المصدر {n}: يجب أن يكون تاريخ الإبلاغ تاريخًا، مثل 2017-01-06.</translation>
    </message>
    <message>
        <source>Source {n}: date reported cannot be in the future.</source>
        <translation>المصدر {n}: لا يمكن أن يكون تاريخ الإبلاغ في المستقبل.</translation>
    </message>
    <message>
        <source>Source {n}: reference is too long: at most {limit}.</source>
        <translation>المصدر {n}: المرجع طويل جدًا: الحد الأقصى لعدد الأحرف {limit}.</translation>
    </message>
    <message>
        <source>Source {n} is already cited by this breach: cite each source once.</source>
        <translation>المصدر {n} مذكور من قبل في هذا الخرق: اذكر كل مصدر مرة واحدة.</translation>
    </message>
    <message>
        <source>Victim {n}: give a name, in Arabic or Latin script.</source>
        <translation>الضحية {n}: أدخِل اسمًا، بالحروف العربية أو اللاتينية.</translation>
    </message>
    <message>
        <source>Victim {n}: {label} must be one of {allowed}.</source>
        <translation>الضحية {n}: يجب أن تكون قيمة «{label}» واحدة مما يلي: {allowed}.</translation>
    </message>
    <message>
        <source>Victim {n}: age must be a whole number of years, 0 to 130.</source>
        <translation>الضحية {n}: يجب أن يكون العمر عددًا صحيحًا من السنوات، من 0 إلى 130.</translation>
    </message>
    <message>
        <source>Victim {n}: age {age} is a child, not an adult.</source>
        <translation>الضحية {n}: العمر {age} عمرُ طفل لا بالغ.</translation>
    </message>
    <message>
        <source>Victim {n}: age {age} is an adult, not a child.</source>
        <translation>الضحية {n}: العمر {age} عمرُ بالغ لا طفل.</translation>
    </message>
    <message>
        <source>{label} must be one of: {allowed}.</source>
        <translation>يجب أن تكون قيمة «{label}» واحدة مما يلي: {allowed}.</translation>
    </message>
    <message>
        <source>{label} cannot hold &quot;;&quot; or &quot;؛&quot; (they separate sources in spreadsheets).</source>
        <translation>لا يمكن أن يحوي حقل «{label}» &quot;;&quot; أو &quot;؛&quot; (فهما يفصلان بين المصادر في جداول البيانات).</translation>
    </message>
    <message>
        <source>End date must be a date on or after the start date.</source>
        <translation>يجب ألا يسبق تاريخ الانتهاء تاريخ البدء.</translation>
    </message>
    <message>
        <source>There is already a source of that name: merge the two instead.</source>
        <translation>يوجد مصدر آخر بهذا الاسم: ادمج المصدرين بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>A source cannot be merged into itself.</source>
        <translation>لا يمكن دمج مصدر في نفسه.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>التصنيف</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>أُنشئ في</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>حُدّث في</translation>
    </message>
    <message>
        <source>created at</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <source>updated at</source>
        <translation>تاريخ التحديث</translation>
    </message>
    <message>
        <source>deleted at</source>
        <translation>تاريخ الحذف</translation>
    </message>
    <message>
        <source>changed at</source>
        <translation>تاريخ التغيير</translation>
    </message>
    <message>
        <source>before</source>
        <translation>ما قبل التغيير</translation>
    </message>
    <message>
        <source>after</source>
        <translation>ما بعد التغيير</translation>
    </message>
    <message>
        <source>district</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>note</source>
        <translation>الملاحظة</translation>
    </message>
    <message>
        <source>name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>name in Latin script</source>
        <translation>الاسم بالحروف اللاتينية</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Arabic name</source>
        <translation>الاسم العربي</translation>
    </message>
    <message>
        <source>brokered by</source>
        <translation>الجهة الراعية</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>reliability</source>
        <translation>الموثوقية</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>وسيلة الاتصال</translation>
    </message>
    <message>
        <source>breach {id} ({date})</source>
        <translation>الخرق {id} ({date})</translation>
    </message>
    <message>
        <source>breach {id}</source>
        <translation>الخرق {id}</translation>
    </message>
    <message>
        <source>citation {id} of {breach}</source>
        <translation>ذكر المصدر {id} في {breach}</translation>
    </message>
    <message>
        <source>victim {id} of {breach}</source>
        <translation>الضحية {id} من {breach}</translation>
    </message>
    <message>
        <source>history entry {id}</source>
        <translation>سجل التغيير {id}</translation>
    </message>
    <message>
        <source>governorate {name!r}</source>
        <translation>المحافظة {name!r}</translation>
    </message>
    <message>
        <source>actor {name!r}</source>
        <translation>الجهة المنفذة {name!r}</translation>
    </message>
    <message>
        <source>breach type {name!r}</source>
        <translation>نوع الخرق {name!r}</translation>
    </message>
    <message>
        <source>truce {name!r}</source>
        <translation>الهدنة {name!r}</translation>
    </message>
    <message>
        <source>source {name!r}</source>
        <translation>المصدر {name!r}</translation>
    </message>
    <message>
        <source>Victims sheet: {reason}</source>
        <translation>ورقة الضحايا: {reason}</translation>
    </message>
    <message>
        <source>{record}, with what it holds here that their file lacks: {problems}</source>
        <translation>{record}، مع ما يتضمنه هنا مما يخلو منه ملفهم: {problems}</translation>
    </message>
    <message>
        <source>{record}: {problems}</source>
        <translation>{record}: {problems}</translation>
    </message>
    <message>
        <source>citation</source>
        <translation>ذكر مصدر</translation>
    </message>
    <message>
        <source>victim</source>
        <translation>ضحية</translation>
    </message>
    <message>
        <source>{label} {value!r} is not one of {allowed}</source>
        <translation>{label}: القيمة {value!r} ليست من القيم المسموح بها ({allowed})</translation>
    </message>
    <message>
        <source>{label} {value!r} is neither yes nor no</source>
        <translation>{label}: القيمة {value!r} ليست «نعم» ولا «لا»</translation>
    </message>
    <message>
        <source>{label} {value!r} is not a whole number</source>
        <translation>{label}: القيمة {value!r} ليست عددًا صحيحًا</translation>
    </message>
    <message>
        <source>{label} {value!r} is not a number</source>
        <translation>{label}: القيمة {value!r} ليست عددًا</translation>
    </message>
    <message>
        <source>{label} {value!r}: the year must be between {first} and {last}</source>
        <translation>{label} {value!r}: يجب أن تكون السنة بين {first} و{last}</translation>
    </message>
    <message>
        <source>{label}: {value} is not a day of the calendar</source>
        <translation>{label}: لا يوجد في التقويم يوم {value}</translation>
    </message>
    <message>
        <source>{label} {value!r} is not a date (use 2017-01-06 or 06.01.2017)</source>
        <translation>{label}: القيمة {value!r} ليست تاريخًا (اكتبه مثل 2017-01-06 أو 06.01.2017)</translation>
    </message>
    <message>
        <source>Time {value!r} is not a time of day (use 14:30)</source>
        <translation>الوقت {value!r} غير صالح (اكتبه مثل 14:30)</translation>
    </message>
    <message>
        <source>{label} {value!r} is not a date and time</source>
        <translation>{label}: القيمة {value!r} ليست تاريخًا ووقتًا</translation>
    </message>
    <message>
        <source>{label} {value!r} is not between {first} and {last} (a day after this computer&apos;s clock)</source>
        <translation>{label}: القيمة {value!r} ليست بين {first} و{last} (حتى يوم واحد بعد الوقت الحالي على هذا الحاسوب)</translation>
    </message>
    <message>
        <source>{label} is required</source>
        <translation>حقل «{label}» مطلوب</translation>
    </message>
    <message>
        <source>{label} {value!r} is not in the list</source>
        <translation>{label}: القيمة {value!r} غير موجودة في القائمة</translation>
    </message>
    <message>
        <source>Truce {value!r} is not in this database: add it first</source>
        <translation>الهدنة {value!r} غير موجودة في قاعدة البيانات هذه: أضفها أولًا</translation>
    </message>
    <message>
        <source>Sources: cite at least one source</source>
        <translation>المصادر: اذكر مصدرًا واحدًا على الأقل</translation>
    </message>
    <message>
        <source>ID {value!r} is also that of row {row}: a breach is one row</source>
        <translation>المعرّف {value!r} مكرر في الصف {row}: لكل خرق صف واحد فقط</translation>
    </message>
    <message>
        <source>this breach is in the Trash: restore it first</source>
        <translation>هذا الخرق في سلة المحذوفات: استعده أولًا</translation>
    </message>
    <message>
        <source>Breach ID is empty: the victim cannot be tied to a breach</source>
        <translation>معرّف الخرق فارغ: لا يمكن ربط الضحية بخرق</translation>
    </message>
    <message>
        <source>Breach ID {value!r} is no row of the Breaches sheet</source>
        <translation>معرّف الخرق {value!r} لا يطابق أي صف في ورقة الخروقات</translation>
    </message>
    <message>
        <source>Breach ID {value!r} is more than one row of the Breaches sheet (rows {rows})</source>
        <translation>معرّف الخرق {value!r} يطابق أكثر من صف في ورقة الخروقات (الصفوف {rows})</translation>
    </message>
    <message>
        <source>{column} {value!r} is not a date and time</source>
        <translation>{column}: القيمة {value!r} ليست تاريخًا ووقتًا</translation>
    </message>
    <message>
        <source>{column} {value!r} is not between {first} and {last} (a day after this computer&apos;s clock)</source>
        <translation>{column}: القيمة {value!r} ليست بين {first} و{last} (حتى يوم واحد بعد الوقت الحالي على هذا الحاسوب)</translation>
    </message>
    <message>
        <source>its {column} {value!r} has spaces around it, which the editor removes</source>
        <translation>القيمة {value!r} في {column} تحيط بها مسافات يحذفها المحرر</translation>
    </message>
    <message>
        <source>its {column} {value!r} is not in the composed form (NFC) the editor stores text in</source>
        <translation>القيمة {value!r} في {column} ليست بالصيغة المركّبة (NFC) التي يحفظ بها المحرر النصوص</translation>
    </message>
    <message>
        <source>{record} is not in this program&apos;s gazetteer</source>
        <translation>{record} غير موجودة في دليل الأماكن لهذا البرنامج</translation>
    </message>
    <message>
        <source>that breach is not in the file</source>
        <translation>ذلك الخرق غير موجود في الملف</translation>
    </message>
    <message>
        <source>its source is not in the file</source>
        <translation>مصدره غير موجود في الملف</translation>
    </message>
    <message>
        <source>it names no table of a ledger ({table!r})</source>
        <translation>لا يشير إلى أي جدول من جداول السجل ({table!r})</translation>
    </message>
    <message>
        <source>its {column} is not a record</source>
        <translation>{column} فيه ليس سجلًا</translation>
    </message>
    <message>
        <source>{record}: that key is, here, a {table} of breach {parent}; a merge never moves a record to another breach</source>
        <translation>{record}: هذا المفتاح هنا هو {table} للخرق {parent}؛ والدمج لا ينقل سجلًا إلى خرق آخر أبدًا</translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>؛ ولا أسباب أخرى</numerusform>
            <numerusform>؛ وسبب آخر</numerusform>
            <numerusform>؛ وسببان آخران</numerusform>
            <numerusform>؛ و%n أسباب أخرى</numerusform>
            <numerusform>؛ و%n سببًا آخر</numerusform>
            <numerusform>؛ و%n سبب آخر</numerusform>
        </translation>
    </message>
    <message>
        <source>{refused} of {rows} rows cannot be imported, so nothing was: {reasons}.</source>
        <translation>عدد الصفوف التي لا يمكن استيرادها {refused} من أصل {rows}، فلم يُستورد شيء: {reasons}.</translation>
    </message>
    <message>
        <source>row {row}: {reason}</source>
        <translation>الصف {row}: {reason}</translation>
    </message>
    <message>
        <source>{name} is an export of the demo database: the demo is never mixed with real breaches.</source>
        <translation>الملف {name} مُصدَّر من قاعدة البيانات التجريبية: لا تُخلط البيانات التجريبية بالخروقات الحقيقية أبدًا.</translation>
    </message>
    <message>
        <source>{name} holds real breaches and this database is the demo: the demo is never mixed with real breaches.</source>
        <translation>{name} يحوي خروقات حقيقية وقاعدة البيانات هذه تجريبية: لا تُخلط البيانات التجريبية بالخروقات الحقيقية أبدًا.</translation>
    </message>
    <message>
        <source>{name} is a demo database: the demo is never mixed with real breaches.</source>
        <translation>{name} قاعدة بيانات تجريبية: لا تُخلط البيانات التجريبية بالخروقات الحقيقية أبدًا.</translation>
    </message>
    <message>
        <source>{name} is a database of real breaches: the demo is never mixed with real breaches.</source>
        <translation>{name} قاعدة بيانات لخروقات حقيقية: لا تُخلط البيانات التجريبية بالخروقات الحقيقية أبدًا.</translation>
    </message>
    <message>
        <source>{name} changed after it was read: nothing was imported. Read it again (a dry run) to see what importing it would do now.</source>
        <translation>تغيّر {name} بعد قراءته: لم يُستورد شيء. اقرأه مرة أخرى (تجربة دون كتابة) لترى ما سيفعله استيراده الآن.</translation>
    </message>
    <message>
        <source>Another copy of the program changed breaches or lists this import would write: nothing was imported. Read {name} again (a dry run) to see what importing it would do now.</source>
        <translation>غيّرت نسخة أخرى من البرنامج خروقات أو قوائم كان هذا الاستيراد سيكتبها: لم يُستورد شيء. اقرأ {name} مرة أخرى (تجربة دون كتابة) لترى ما سيفعله استيراده الآن.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full: nothing was imported and nothing was changed. Free some space on it and import again.</source>
        <translation>القرص الذي يحوي {folder} ممتلئ: لم يُستورد شيء ولم يتغير شيء. أفرغ بعض المساحة فيه ثم أعد الاستيراد.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full: nothing was merged and nothing was changed. Free some space on it and merge again.</source>
        <translation>القرص الذي يحوي {folder} ممتلئ: لم يُدمج شيء ولم يتغير شيء. أفرغ بعض المساحة فيه ثم أعد الدمج.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}; nothing was imported.</source>
        <translation>تعذّرت الكتابة في {name}: {reason}؛ لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}; nothing was changed.</source>
        <translation>تعذّرت الكتابة في {name}: {reason}؛ لم يتغير شيء.</translation>
    </message>
    <message numerus="yes">
        <source>{name} lacks %n column(s) an import needs: {columns} (its first row must name the columns, as the Breaches sheet of an export does).</source>
        <translation>
            <numerusform>لا يحوي الملف {name} الأعمدة التي يحتاج إليها الاستيراد: {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</numerusform>
            <numerusform>لا يحوي الملف {name} عمودًا يحتاج إليه الاستيراد: {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</numerusform>
            <numerusform>لا يحوي الملف {name} عمودين يحتاج إليهما الاستيراد: {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</numerusform>
            <numerusform>لا يحوي الملف {name} %n أعمدة يحتاج إليها الاستيراد: {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</numerusform>
            <numerusform>لا يحوي الملف {name} %n عمودًا يحتاج إليها الاستيراد: {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</numerusform>
            <numerusform>لا يحوي الملف {name} %n عمود يحتاج إليها الاستيراد: {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The truce {name} cannot be deleted: it has %n breach(es). Give them another truce in the editor first.</source>
        <translation>
            <numerusform>لا يمكن حذف الهدنة «{name}» ما دامت خروقات مرتبطة بها. اربطها بهدنة أخرى في المحرر أولًا.</numerusform>
            <numerusform>لا يمكن حذف الهدنة «{name}» لأنها تضم خرقًا واحدًا. اربطه بهدنة أخرى في المحرر أولًا.</numerusform>
            <numerusform>لا يمكن حذف الهدنة «{name}» لأنها تضم خرقين. اربطهما بهدنة أخرى في المحرر أولًا.</numerusform>
            <numerusform>لا يمكن حذف الهدنة «{name}» لأنها تضم %n خروقات. اربطها بهدنة أخرى في المحرر أولًا.</numerusform>
            <numerusform>لا يمكن حذف الهدنة «{name}» لأنها تضم %n خرقًا. اربطها بهدنة أخرى في المحرر أولًا.</numerusform>
            <numerusform>لا يمكن حذف الهدنة «{name}» لأنها تضم %n خرق. اربطها بهدنة أخرى في المحرر أولًا.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(Of these, %n breach(es) in the Trash.)</source>
        <translation>
            <numerusform>(ليس منها أي خرق في سلة المحذوفات.)</numerusform>
            <numerusform>(منها خرق واحد في سلة المحذوفات.)</numerusform>
            <numerusform>(منها خرقان في سلة المحذوفات.)</numerusform>
            <numerusform>(منها %n خروقات في سلة المحذوفات.)</numerusform>
            <numerusform>(منها %n خرقًا في سلة المحذوفات.)</numerusform>
            <numerusform>(منها %n خرق في سلة المحذوفات.)</numerusform>
        </translation>
    </message>
    <message>
        <source>This truce is no longer in the database (another copy of the program may have deleted it).</source>
        <translation>لم تعد هذه الهدنة موجودة في قاعدة البيانات (ربما حذفتها نسخة أخرى من البرنامج).</translation>
    </message>
    <message>
        <source>There is no file {name}.</source>
        <translation>لا يوجد ملف باسم {name}.</translation>
    </message>
    <message>
        <source>{name} is a folder, not a Truce Ledger database.</source>
        <translation>المسار {name} مجلد، وليس قاعدة بيانات سجل الهدنة.</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}.</source>
        <translation>تتعذر قراءة الملف {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} cannot be read to the end ({reason}); nothing was changed.</source>
        <translation>تعذّرت قراءة {name} حتى نهايته ({reason})؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be opened ({reason}).</source>
        <translation>{name} تالف ولا يمكن فتحه ({reason}).</translation>
    </message>
    <message>
        <source>{name} cannot be opened for writing (journal mode {mode}).</source>
        <translation>لا يمكن فتح {name} للكتابة (نمط السجل {mode}).</translation>
    </message>
    <message>
        <source>This breach is no longer in the database (another copy of the program may have changed it).</source>
        <translation>لم يعد هذا الخرق في قاعدة البيانات (ربما غيّرته نسخة أخرى من البرنامج).</translation>
    </message>
    <message>
        <source>Cannot make the folder {name}: {reason}.</source>
        <translation>تعذّر إنشاء المجلد {name}: {reason}.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>أُلغيت العملية: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>--size must be 0 or more.</source>
        <translation>يجب أن تكون قيمة --size صفرًا أو أكثر.</translation>
    </message>
    <message>
        <source>{value} is not a date (use YYYY-MM-DD).</source>
        <translation>{value} ليس تاريخًا (اكتبه بالصيغة YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>A week starts on monday, saturday or sunday, not {value}.</source>
        <translation>يبدأ الأسبوع يوم الاثنين أو السبت أو الأحد، لا {value}.</translation>
    </message>
    <message>
        <source>Totals are by governorate, actor or type, not {value}.</source>
        <translation>تُحسب المجاميع حسب المحافظة أو الجهة المنفذة أو النوع، لا {value}.</translation>
    </message>
    <message>
        <source>A workbook is written in ar or en, not {language}.</source>
        <translation>يُكتب المصنف بالعربية (ar) أو بالإنكليزية (en)، لا {language}.</translation>
    </message>
    <message>
        <source>There is no {kind} called {name!r}.</source>
        <translation>لا يوجد {kind} باسم {name!r}.</translation>
    </message>
    <message>
        <source>{name}: the workbook&apos;s name must end in .xlsx.</source>
        <translation>{name}: يجب أن ينتهي اسم المصنف بـ .xlsx.</translation>
    </message>
    <message>
        <source>{name}: the PDF&apos;s name must end in .pdf.</source>
        <translation>{name}: يجب أن ينتهي اسم ملف بي دي إف بـ .pdf.</translation>
    </message>
    <message>
        <source>{name}: --out writes a .csv file, with --format csv.</source>
        <translation>{name}: يكتب الخيار --out ملف .csv، مع --format csv.</translation>
    </message>
    <message>
        <source>{name} is a workbook for the press, written without breach IDs: nothing in it says which breaches it holds, and an import would add them all a second time. Nothing was imported. To import corrections, export with Settings → &quot;Breach IDs in press files&quot; (export --breach-ids) and import that workbook.</source>
        <translation>{name} مصنف للصحافة كُتب دون معرّفات الخروقات: لا شيء فيه يدل على الخروقات التي يحملها، والاستيراد سيضيفها كلها مرة ثانية. لم يُستورد شيء. لاستيراد التصحيحات، صدّر مع تفعيل الإعدادات ← «معرّفات الخروقات في ملفات الصحافة» (export --breach-ids) واستورد ذلك المصنف.</translation>
    </message>
    <message>
        <source>export writes a workbook (--out FILE.xlsx), a PDF for the press (--pdf FILE.pdf), or both: give one.</source>
        <translation>يكتب التصدير مصنفًا (--out FILE.xlsx)، أو ملف PDF للصحافة (--pdf FILE.pdf)، أو كليهما: حدّد واحدًا.</translation>
    </message>
    <message>
        <source>the window cannot start: {reason}</source>
        <translation>تعذّر تشغيل النافذة: {reason}</translation>
    </message>
    <message>
        <source>{name} is empty: it is not a Truce Ledger database.</source>
        <translation>الملف {name} فارغ: ليس قاعدة بيانات سجل الهدنة.</translation>
    </message>
    <message>
        <source>{name} is not a Truce Ledger database (it is not a SQLite file).</source>
        <translation>الملف {name} ليس قاعدة بيانات سجل الهدنة (فهو ليس ملف SQLite).</translation>
    </message>
    <message>
        <source>{name} is encrypted, or it is not a Truce Ledger database: its passphrase is needed to open it.</source>
        <translation>{name} مشفّر، أو ليس قاعدة بيانات سجل الهدنة: يلزم كلمة مروره لفتحه.</translation>
    </message>
    <message>
        <source>This passphrase does not open {name}: it is not the passphrase of this file, or the file is not a Truce Ledger database. Nothing was changed.</source>
        <translation>كلمة المرور هذه لا تفتح {name}: ليست كلمة مرور هذا الملف، أو أن الملف ليس قاعدة بيانات سجل الهدنة. لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>{name} is encrypted: give its passphrase in the first line of a file (--passphrase-file FILE) or in {variable}, or run the command in a terminal to be asked for it.</source>
        <translation>{name} مشفّر: اكتب كلمة مروره في السطر الأول من ملف (--passphrase-file FILE) أو في {variable}، أو شغّل الأمر في طرفية لتُسأل عنها.</translation>
    </message>
    <message>
        <source>{name} is encrypted: give its passphrase in the first line of a file (--other-passphrase-file FILE), or run the command in a terminal to be asked for it.</source>
        <translation>{name} مشفّر: اكتب كلمة مروره في السطر الأول من ملف (--other-passphrase-file FILE)، أو شغّل الأمر في طرفية لتُسأل عنها.</translation>
    </message>
    <message>
        <source>The passphrase cannot be read from {name}: {reason}.</source>
        <translation>تعذّرت قراءة كلمة المرور من {name}: {reason}.</translation>
    </message>
    <message>
        <source>The two passphrases typed differ: nothing was made.</source>
        <translation>كلمتا المرور المكتوبتان مختلفتان: لم يُنشأ شيء.</translation>
    </message>
    <message>
        <source>{name} already exists: a new database is never made over a file.</source>
        <translation>{name} موجود من قبل: لا تُنشأ قاعدة بيانات جديدة فوق ملف أبدًا.</translation>
    </message>
    <message>
        <source>Give the new passphrase in the first line of a file (--new-passphrase-file FILE), or run the command in a terminal to type it twice.</source>
        <translation>اكتب كلمة المرور الجديدة في السطر الأول من ملف (--new-passphrase-file FILE)، أو شغّل الأمر في طرفية لتكتبها مرتين.</translation>
    </message>
    <message>
        <source>A plain copy is written only when asked for on a terminal, or with --yes: anyone who gets it reads every record.</source>
        <translation>لا تُكتب نسخة غير مشفّرة إلا بطلب في طرفية، أو مع --yes: كل من يحصل عليها يقرأ كل السجلات.</translation>
    </message>
    <message>
        <source>{name} is not encrypted.</source>
        <translation>{name} غير مشفّر.</translation>
    </message>
    <message>
        <source>A public workbook is meant to be shared: only a full workbook (--full) is protected with a password.</source>
        <translation>المصنف العام معدّ للمشاركة: لا يُحمى بكلمة سر إلا المصنف الكامل (--full).</translation>
    </message>
    <message>
        <source>{name} is already encrypted: change its passphrase instead.</source>
        <translation>{name} مشفّر من قبل: غيّر كلمة مروره بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>{name} is open in another copy of Truce Ledger (or another program): close it there first. Nothing was changed.</source>
        <translation>{name} مفتوح في نسخة أخرى من سجل الهدنة (أو في برنامج آخر): أغلقه هناك أولًا. لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>The copy {name} differs from the database (table {table}): it was not kept, and nothing was changed.</source>
        <translation>النسخة {name} تختلف عن قاعدة البيانات (الجدول {table}): لم تُحفظ، ولم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>A new database is encrypted: give its passphrase (in a file with --passphrase-file, in TRUCE_LEDGER_PASSPHRASE, or typed in a terminal), or --no-encryption for a plain one.</source>
        <translation>قاعدة البيانات الجديدة تُشفَّر: أعطِ كلمة مرورها (في ملف مع --passphrase-file، أو في TRUCE_LEDGER_PASSPHRASE، أو بكتابتها في طرفية)، أو --no-encryption لقاعدة غير مشفّرة.</translation>
    </message>
    <message>
        <source>{name} is truncated: part of the database is missing.</source>
        <translation>الملف {name} ناقص: جزء من قاعدة البيانات مفقود.</translation>
    </message>
    <message>
        <source>{name} is a database of another program, not of Truce Ledger.</source>
        <translation>الملف {name} قاعدة بيانات لبرنامج آخر، لا لبرنامج سجل الهدنة.</translation>
    </message>
    <message>
        <source>{name}: the totals it keeps for each day differ from its breaches (the first day that differs: {day}), so its weekly totals would be wrong; a program other than Truce Ledger may have written to it. The breaches themselves are whole. Nothing was backed up: run the check again with --recount to count the totals again from the breaches.</source>
        <translation>{name}: المجاميع التي يحفظها لكل يوم تختلف عن خروقاته (أول يوم يختلف: {day})، فتكون مجاميعه الأسبوعية خاطئة؛ ربما كتب فيه برنامج غير سجل الهدنة. الخروقات نفسها سليمة. لم تُحفظ نسخة احتياطية: أعد الفحص مع --recount لتُعدّ المجاميع من جديد من الخروقات.</translation>
    </message>
    <message>
        <source>{name}: its search index differs from the texts it indexes ({reason}), so a search may miss breaches. The breaches themselves are whole. Nothing was backed up: run the check again with --recount to build the index again.</source>
        <translation>{name}: فهرس البحث فيه يختلف عن النصوص التي يفهرسها ({reason})، فقد يفوت البحثَ بعضُ الخروقات. الخروقات نفسها سليمة. لم تُحفظ نسخة احتياطية: أعد الفحص مع --recount ليُبنى الفهرس من جديد.</translation>
    </message>
    <message>
        <source>{name}: the counts of places it keeps for the place field differ from its breaches (the first place that differs: {place}), so the place field would offer places wrongly. The breaches themselves are whole. Nothing was backed up: run the check again with --recount to count them again.</source>
        <translation>{name}: أعداد الأماكن التي يحفظها لحقل المكان تختلف عن خروقاته (أول مكان يختلف: {place})، فيقترح حقل المكان أماكن خاطئة. الخروقات نفسها سليمة. لم تُحفظ نسخة احتياطية: أعد الفحص مع --recount لتُعدّ من جديد.</translation>
    </message>
    <message>
        <source>{name} changed while it was being merged: nothing was changed. Merge it again.</source>
        <translation>تغيّر {name} أثناء دمجه: لم يُغيَّر شيء. ادمجه مرة أخرى.</translation>
    </message>
    <message>
        <source>{value} is not what a dry run printed: run import --dry-run again.</source>
        <translation>{value} ليس ما طبعته التجربة دون كتابة: شغّل import --dry-run مرة أخرى.</translation>
    </message>
    <message>
        <source>{name}: the Victims sheet has no column &quot;Breach ID&quot;, so its victims cannot be tied to breaches. Nothing was imported. A workbook for the press has no IDs unless Settings → &quot;Breach IDs in press files&quot; was on when it was written: export it again so, put the column back, or delete the Victims sheet to leave the victims in this database as they are.</source>
        <translation>{name}: ليس في ورقة الضحايا عمود «معرّف الخرق»، فلا يمكن ربط ضحاياها بالخروقات. لم يُستورد شيء. لا معرّفات في مصنف الصحافة إلا إذا كان خيار الإعدادات «معرّفات الخروقات في ملفات الصحافة» مفعّلًا عند كتابته: صدّره من جديد مع تفعيله، أو أعد العمود، أو احذف ورقة الضحايا لتبقى الضحايا في قاعدة البيانات هذه كما هي.</translation>
    </message>
    <message>
        <source>table</source>
        <translation>جدول</translation>
    </message>
    <message>
        <source>index</source>
        <translation>فهرس</translation>
    </message>
    <message>
        <source>view</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>trigger</source>
        <translation>مشغّل</translation>
    </message>
    <message>
        <source>its {kind} {name} is not ours</source>
        <translation>فيه {kind} اسمه {name} ليس من صنع هذا البرنامج</translation>
    </message>
    <message>
        <source>its {kind} {name} is changed</source>
        <translation>فيه {kind} اسمه {name} مختلف عمّا يصنعه هذا البرنامج</translation>
    </message>
    <message>
        <source>it has no {kind} {name}</source>
        <translation>ليس فيه {kind} اسمه {name}</translation>
    </message>
    <message>
        <source>it holds more rows than a file of its size can</source>
        <translation>فيه من الصفوف أكثر مما يتسع له ملف بحجمه</translation>
    </message>
    <message>
        <source>{name} is damaged: {reason}.</source>
        <translation>الملف {name} تالف: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {reason}.</source>
        <translation>تتعذر الكتابة في الملف {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not a file (it is {kind}): give the path of a Truce Ledger database.</source>
        <translation>المسار {name} ليس ملفًا (بل {kind}): أدخِل مسار قاعدة بيانات سجل الهدنة.</translation>
    </message>
    <message>
        <source>{name} is in a read-only folder ({folder}): it can be read but not written.</source>
        <translation>الملف {name} في مجلد للقراءة فقط ({folder}): يمكن قراءته لا الكتابة فيه.</translation>
    </message>
    <message>
        <source>{name} is read-only: it can be read but not written.</source>
        <translation>الملف {name} للقراءة فقط: يمكن قراءته لا الكتابة فيه.</translation>
    </message>
    <message>
        <source>{name} is in a read-only folder ({folder}) and its last saves are still in {name}-wal, which SQLite reads only in a folder it can write to: copy both files to such a folder to open them.</source>
        <translation>الملف {name} في مجلد للقراءة فقط ({folder})، وآخر ما حُفظ فيه ما يزال في الملف {name}-wal، ولا يقرؤه SQLite إلا في مجلد يستطيع الكتابة فيه: انسخ الملفين كليهما إلى مجلد كهذا لفتحهما.</translation>
    </message>
    <message>
        <source>{name} was opened read-only: nothing can be written to it here.</source>
        <translation>فُتح الملف {name} للقراءة فقط: لا يمكن الكتابة فيه هنا.</translation>
    </message>
    <message>
        <source>{name} cannot be opened: {file} beside it is a link to another file, not a file of its own, and a ledger&apos;s log is kept only beside it. Nothing was changed; put the file itself in place of the link {file}.</source>
        <translation>تعذّر فتح الملف {name}: الملف {file} المجاور له رابط إلى ملف آخر، لا ملف قائم بذاته، وملف السجل الخاص بقاعدة البيانات لا يُحفظ إلا بجوارها. لم يتغير شيء؛ ضع الملف نفسه مكان الرابط {file}.</translation>
    </message>
    <message>
        <source>{name} holds a save that another program began and has not finished (it stopped, or is writing now): {file} beside it holds the file as it was before, to be put back before it is read. Nothing was changed; open the file once with that program (or with sqlite3), which puts it back, then open it here.</source>
        <translation>في الملف {name} عملية حفظ بدأها برنامج آخر ولم يُتمّها (توقف، أو ما يزال يكتب الآن): والملف {file} المجاور له يحفظ الملف كما كان من قبل، ويجب إرجاعه قبل قراءته. لم يتغير شيء؛ افتح الملف مرة واحدة بذلك البرنامج (أو بـ sqlite3)، فيُرجعه، ثم افتحه هنا.</translation>
    </message>
    <message>
        <source>{name} failed its last check ({reason}): nothing is written to it until a check passes. Restore it from a backup in {folder}, or have it repaired, then run the check again.</source>
        <translation>لم يجتز الملف {name} آخر فحص ({reason}): لن يُكتب فيه شيء حتى ينجح فحص. استعِده من نسخة احتياطية في {folder}، أو اطلب إصلاحه، ثم أعِد الفحص.</translation>
    </message>
    <message>
        <source>The disk is full: there is no room in {folder} for {name}. Nothing was written; free some space there, or export into another folder.</source>
        <translation>القرص ممتلئ: لا متسع في {folder} للملف {name}. لم يُكتب شيء؛ حرِّر بعض المساحة هناك، أو صدِّر إلى مجلد آخر.</translation>
    </message>
    <message>
        <source>{name} is the database itself: an export never replaces it. Choose another name for the workbook.</source>
        <translation>الملف {name} هو قاعدة البيانات نفسها: لا يحل التصدير محلها أبدًا. اختر اسمًا آخر لمصنف Excel.</translation>
    </message>
    <message>
        <source>{name} is not a CSV file (it holds a NUL byte).</source>
        <translation>الملف {name} ليس ملف CSV (فيه بايت NUL).</translation>
    </message>
    <message>
        <source>{name} could not be read: the spreadsheet reader stopped (exit status {status}). Nothing was imported; save the file again from the spreadsheet program, or as CSV.</source>
        <translation>تعذّرت قراءة {name}: توقف قارئ جداول البيانات (رمز الخروج {status}). لم يُستورد شيء؛ احفظ الملف من جديد من برنامج جداول البيانات، أو بصيغة CSV.</translation>
    </message>
    <message>
        <source>There is no truce called {name!r} (truces: {truces}).</source>
        <translation>لا توجد هدنة باسم {name!r} (الهدن: {truces}).</translation>
    </message>
    <message>
        <source>A copy cannot replace the database it is made from.</source>
        <translation>لا يمكن أن تحل النسخة محل قاعدة البيانات المنسوخة منها.</translation>
    </message>
    <message>
        <source>{name} already exists: the demo needs a file of its own.</source>
        <translation>الملف {name} موجود مسبقًا: البيانات التجريبية تحتاج إلى ملف خاص بها.</translation>
    </message>
    <message>
        <source>This breach was changed elsewhere since you opened it (another copy of the program saved it). Open it again to see that change.</source>
        <translation>تغيّر هذا الخرق في مكان آخر منذ فتحته (حفظته نسخة أخرى من البرنامج). افتحه مجددًا لترى هذا التغيير.</translation>
    </message>
    <message>
        <source>The breach was not saved: {reason}.</source>
        <translation>لم يُحفظ الخرق: {reason}.</translation>
    </message>
    <message>
        <source>{name}: the demo is never mixed with real breaches.</source>
        <translation>الملف {name}: لا تُخلط البيانات التجريبية بالخروقات الحقيقية أبدًا.</translation>
    </message>
    <message>
        <source>This looks like a breach already recorded; save it anyway only if it is a different incident.</source>
        <translation>يبدو أن هذا الخرق مسجَّل من قبل؛ لا تحفظه رغم ذلك إلا إذا كان حادثة مختلفة.</translation>
    </message>
    <message>
        <source>{name} already exists: give --force to replace it, or another name.</source>
        <translation>{name} موجود من قبل: أضف --force لاستبداله، أو اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>The passphrase or password from {where} is empty, holds a control character, or begins or ends with a space: it cannot be used.</source>
        <translation>كلمة المرور أو كلمة السر الآتية من {where} فارغة، أو فيها محرف تحكّم، أو تبدأ بمسافة أو تنتهي بها: لا يمكن استعمالها.</translation>
    </message>
    <message>
        <source>A new passphrase has at least {n} characters (better a few words): a short one is soon guessed.</source>
        <translation>كلمة المرور الجديدة {n} محارف على الأقل (والأفضل بضع كلمات): القصيرة تُخمَّن سريعًا.</translation>
    </message>
    <message>
        <source>Give the passphrase to encrypt with (in a file with --passphrase-file, in TRUCE_LEDGER_PASSPHRASE, or typed twice in a terminal).</source>
        <translation>أعطِ كلمة المرور التي يُشفَّر بها (في ملف مع --passphrase-file، أو في TRUCE_LEDGER_PASSPHRASE، أو بكتابتها مرتين في طرفية).</translation>
    </message>
    <message>
        <source>{name} already exists: a plain copy is never written over a file.</source>
        <translation>{name} موجود من قبل: لا تُكتب نسخة غير مشفّرة فوق ملف أبدًا.</translation>
    </message>
    <message>
        <source>{name} was written by a newer version of Truce Ledger (its schema is number {version}; this program reads up to number {latest}): update the program to open it.</source>
        <translation>كُتب الملف {name} بإصدار أحدث من سجل الهدنة (رقم مخطّطه {version}، وهذا البرنامج يقرأ المخطّطات حتى الرقم {latest}): حدِّث البرنامج لتتمكن من فتحه.</translation>
    </message>
    <message>
        <source>Breaches hold a casualty count outside 0 to {limit:,} (breaches: {count}; the first on {day}; the largest count {value}): no totals are given until they are corrected in the editor.</source>
        <translation>في بعض الخروقات عدد ضحايا خارج المدى من 0 إلى {limit:,} (عدد الخروقات: {count}؛ أولها في {day}؛ وأكبر عدد {value}): لا تُعطى المجاميع حتى تُصحَّح في المحرر.</translation>
    </message>
    <message>
        <source>A database cannot be merged into itself.</source>
        <translation>لا يمكن دمج قاعدة بيانات في نفسها.</translation>
    </message>
    <message>
        <source>{name} is not a Truce Ledger database as this program makes them: {reason}; nothing was changed.</source>
        <translation>الملف {name} ليس قاعدة بيانات سجل الهدنة كما ينشئها هذا البرنامج: {reason}؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>{name} cannot be merged, so nothing was changed: {reasons}.</source>
        <translation>تعذّر دمج الملف {name}، فلم يتغير شيء: {reasons}.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full: nothing was changed. Free some space on it and try again.</source>
        <translation>القرص الذي يحوي {folder} ممتلئ: لم يتغير شيء. حرِّر بعض المساحة عليه وحاول مجددًا.</translation>
    </message>
    <message>
        <source>Another copy of Truce Ledger is writing to {name} (an import or a merge); nothing was written: try again in a moment.</source>
        <translation>نسخة أخرى من سجل الهدنة تكتب في الملف {name} (استيراد أو دمج)؛ لم يُكتب شيء: حاول مجددًا بعد لحظات.</translation>
    </message>
    <message>
        <source>{name} has no column {columns} (its first row must name the columns, as the Breaches sheet of an export does).</source>
        <translation>لا يحوي الملف {name} العمود {columns} (يجب أن يسمّي صفه الأول الأعمدة، كما تفعل ورقة «الخروقات» في ملف مُصدَّر).</translation>
    </message>
    <message>
        <source>{name} holds no rows.</source>
        <translation>لا يحوي الملف {name} أي صفوف.</translation>
    </message>
    <message>
        <source>{name} is not a workbook that can be read.</source>
        <translation>الملف {name} ليس مصنف Excel قابلًا للقراءة.</translation>
    </message>
    <message>
        <source>{name} is not text in an encoding Truce Ledger reads (tried {tried}): save it from the spreadsheet as &quot;CSV UTF-8&quot;.</source>
        <translation>الملف {name} ليس نصًا بترميز يقرؤه سجل الهدنة (جُرّبت الترميزات: {tried}): احفظه من برنامج الجداول بصيغة &quot;CSV UTF-8&quot;.</translation>
    </message>
    <message>
        <source>{name}: import reads .xlsx and .csv files.</source>
        <translation>الملف {name}: يقرأ الاستيراد ملفات ‎.xlsx و‎.csv فقط.</translation>
    </message>
    <message>
        <source>{name}: row 1 of the {sheet} sheet has two columns for one field ({columns}): which one is meant cannot be told. Nothing was imported; keep one of them.</source>
        <translation>الملف {name}: في الصف 1 من ورقة {sheet} عمودان لحقل واحد ({columns})، ولا يمكن معرفة المقصود منهما. لم يُستورد شيء؛ أبقِ على أحدهما فقط.</translation>
    </message>
    <message>
        <source>{name}, row {row} ({lines}): a quote (&quot;) opens a cell and does not close where the cell ends, so the lines after it would be read as one cell: correct the quotes in that row.</source>
        <translation>الملف {name}، الصف {row} ({lines}): علامة اقتباس (&quot;) تفتح خلية ولا تُغلق حيث تنتهي الخلية، فتُقرأ الأسطر التالية لها خليةً واحدة: صحّح علامات الاقتباس في ذلك الصف.</translation>
    </message>
    <message>
        <source>{name} is too large to read: a sheet spans {rows} rows and {columns} columns. Delete the cells far from the table (Ctrl+End in the spreadsheet finds them) and save it again.</source>
        <translation>الملف {name} أكبر من أن يُقرأ: تمتد إحدى أوراقه على {rows} من الصفوف و{columns} من الأعمدة. احذف الخلايا البعيدة عن الجدول (يجدها Ctrl+End في برنامج الجداول) ثم احفظه مجددًا.</translation>
    </message>
    <message>
        <source>The range ends ({end}) before it begins ({start}).</source>
        <translation>تنتهي الفترة ({end}) قبل أن تبدأ ({start}).</translation>
    </message>
    <message>
        <source>This source is no longer in the database (another copy of the program may have merged or deleted it).</source>
        <translation>لم يعد هذا المصدر موجودًا في قاعدة البيانات (ربما دمجته نسخة أخرى من البرنامج أو حذفته).</translation>
    </message>
    <message>
        <source>Row {n}: {problem}</source>
        <translation>الصف {n}: {problem}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>e.g. Media office, Gaziantep</source>
        <translation>مثلًا: المكتب الإعلامي، غازي عنتاب</translation>
    </message>
    <message>
        <source>Picked from each breach&apos;s date</source>
        <translation>تُحدَّد من تاريخ كل خرق</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>الاثنين</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>السبت</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>الأحد</translation>
    </message>
    <message>
        <source>System language ({language})</source>
        <translation>لغة النظام ({language})</translation>
    </message>
    <message>
        <source>A new language takes effect when Truce Ledger starts again: the windows already open keep their words.</source>
        <translation>تُطبَّق اللغة الجديدة عند تشغيل سجل الهدنة من جديد، أما النوافذ المفتوحة فتبقى بلغتها الحالية.</translation>
    </message>
    <message>
        <source>Western (0–9)</source>
        <translation>أرقام عربية (0–9)</translation>
    </message>
    <message>
        <source>Arabic-Indic (٠–٩)</source>
        <translation>أرقام هندية (٠–٩)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Breach IDs in press files (for corrections)</source>
        <translation>معرّفات الخروقات في ملفات الصحافة (للتصحيحات)</translation>
    </message>
    <message>
        <source>A workbook for the press then keeps each breach&apos;s ID and when it was last changed, so that corrections made in it can be imported back. Off, it carries nothing of the office&apos;s own.</source>
        <translation>يحتفظ مصنف الصحافة عندئذ بمعرّف كل خرق وبآخر موعد عُدّل فيه، لكي تُستورد التصحيحات المكتوبة فيه من جديد. وإذا أُلغي الخيار لا يحمل شيئًا خاصًا بالمكتب.</translation>
    </message>
    <message>
        <source>A sheet &quot;For the press release&quot; in workbooks</source>
        <translation>ورقة «للبيان الصحفي» في المصنفات</translation>
    </message>
    <message>
        <source>The week&apos;s sentence in English and Arabic, its figures, and the chart as a picture: what a journalist pastes into a word processor, whole.</source>
        <translation>فقرة الأسبوع بالإنكليزية والعربية، وأرقامه، والرسم البياني صورةً: ما يلصقه الصحفي في معالج النصوص كاملًا.</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>اسم المكتب</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>اسمك</translation>
    </message>
    <message>
        <source>Default truce</source>
        <translation>الهدنة الافتراضية</translation>
    </message>
    <message>
        <source>First day of the week</source>
        <translation>أول أيام الأسبوع</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Digits in Arabic text</source>
        <translation>الأرقام في النص العربي</translation>
    </message>
    <message>
        <source>Lock an encrypted file after</source>
        <translation>قفل الملف المشفّر بعد</translation>
    </message>
    <message>
        <source>The window will be in the new language when Truce Ledger starts again. Restart now?</source>
        <translation>ستظهر النافذة باللغة الجديدة عند تشغيل سجل الهدنة من جديد. هل تريد إعادة التشغيل الآن؟</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>إعادة التشغيل الآن</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>لاحقًا</translation>
    </message>
    <message>
        <source>Breaches citing it</source>
        <translation>الخروقات التي تذكره</translation>
    </message>
    <message>
        <source>Confidential: kept in this file only, never in a public export.</source>
        <translation>سرّية: تُحفظ في هذا الملف فقط، ولا تُدرج أبدًا في أي تصدير علني.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>إظهار</translation>
    </message>
    <message>
        <source>Save source</source>
        <translation>حفظ المصدر</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>إعادة ت&amp;سمية</translation>
    </message>
    <message>
        <source>&amp;Delete source</source>
        <translation>ح&amp;ذف المصدر</translation>
    </message>
    <message>
        <source>the source that stays</source>
        <translation>المصدر الذي يبقى</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <source>Contact (confidential)</source>
        <translation>معلومات الاتصال (سرّية)</translation>
    </message>
    <message>
        <source>&amp;Merge into</source>
        <translation>&amp;دمج في</translation>
    </message>
    <message>
        <source>confidential</source>
        <translation>سرّية</translation>
    </message>
    <message>
        <source>Edit another source?</source>
        <translation>هل تريد تحرير مصدر آخر؟</translation>
    </message>
    <message>
        <source>The source was not saved</source>
        <translation>لم يُحفظ المصدر</translation>
    </message>
    <message>
        <source>The source was not renamed</source>
        <translation>لم يُغيَّر اسم المصدر</translation>
    </message>
    <message>
        <source>Renamed.</source>
        <translation>تمت إعادة التسمية.</translation>
    </message>
    <message>
        <source>Choose the source that stays from the list: one other than {name}.</source>
        <translation>اختر من القائمة المصدر الذي يبقى: مصدرًا غير {name}.</translation>
    </message>
    <message>
        <source>Merge the source?</source>
        <translation>هل تريد دمج المصدر؟</translation>
    </message>
    <message>
        <source>Merge sources</source>
        <translation>دمج المصادر</translation>
    </message>
    <message numerus="yes">
        <source>Merge &quot;{merged}&quot; into &quot;{kept}&quot;? %n breach(es) citing &quot;{merged}&quot; will cite &quot;{kept}&quot; instead, and &quot;{merged}&quot; leaves the list.</source>
        <translation>
            <numerusform>هل تريد دمج «{merged}» في «{kept}»؟ لا يذكر أي خرق «{merged}» ليحل «{kept}» محله، وسيخرج «{merged}» من القائمة.</numerusform>
            <numerusform>هل تريد دمج «{merged}» في «{kept}»؟ سيحل «{kept}» محل «{merged}» في خرق واحد، ويخرج «{merged}» من القائمة.</numerusform>
            <numerusform>هل تريد دمج «{merged}» في «{kept}»؟ سيحل «{kept}» محل «{merged}» في خرقين، ويخرج «{merged}» من القائمة.</numerusform>
            <numerusform>هل تريد دمج «{merged}» في «{kept}»؟ سيحل «{kept}» محل «{merged}» في %n خروقات، ويخرج «{merged}» من القائمة.</numerusform>
            <numerusform>هل تريد دمج «{merged}» في «{kept}»؟ سيحل «{kept}» محل «{merged}» في %n خرقًا، ويخرج «{merged}» من القائمة.</numerusform>
            <numerusform>هل تريد دمج «{merged}» في «{kept}»؟ سيحل «{kept}» محل «{merged}» في %n خرق، ويخرج «{merged}» من القائمة.</numerusform>
        </translation>
    </message>
    <message>
        <source>The sources were not merged</source>
        <translation>لم يُدمج المصدران</translation>
    </message>
    <message numerus="yes">
        <source>Merged into {kept}: %n breach(es) changed.</source>
        <translation>
            <numerusform>تم الدمج في {kept}: لم يتغير أي خرق.</numerusform>
            <numerusform>تم الدمج في {kept}: تغيّر خرق واحد.</numerusform>
            <numerusform>تم الدمج في {kept}: تغيّر خرقان.</numerusform>
            <numerusform>تم الدمج في {kept}: تغيّرت %n خروقات.</numerusform>
            <numerusform>تم الدمج في {kept}: تغيّر %n خرقًا.</numerusform>
            <numerusform>تم الدمج في {kept}: تغيّر %n خرق.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete source</source>
        <translation>حذف المصدر</translation>
    </message>
    <message>
        <source>Delete the source &quot;{name}&quot;? No breach cites it.</source>
        <translation>هل تريد حذف المصدر «{name}»؟ لا يذكره أي خرق.</translation>
    </message>
    <message>
        <source>The source was not deleted</source>
        <translation>لم يُحذف المصدر</translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation>تم حذف {name}.</translation>
    </message>
    <message>
        <source>Copy the &amp;Arabic sentence</source>
        <translation>نسخ الجملة العر&amp;بية</translation>
    </message>
    <message>
        <source>&amp;Copy the English sentence</source>
        <translation>نسخ الجملة الإنكلي&amp;زية</translation>
    </message>
    <message>
        <source>E&amp;xport for press…</source>
        <translation>تصدير لل&amp;صحافة…</translation>
    </message>
    <message>
        <source>Export f&amp;ull…</source>
        <translation>تصدير &amp;كامل…</translation>
    </message>
    <message>
        <source>&amp;PDF for press…</source>
        <translation>&amp;بي دي إف للصحافة…</translation>
    </message>
    <message>
        <source>The week&apos;s sentence in English and Arabic, its figures, the chart and the weeks, in a PDF</source>
        <translation>فقرة الأسبوع بالإنكليزية والعربية، وأرقامه، والرسم البياني والأسابيع، في ملف بي دي إف</translation>
    </message>
    <message>
        <source>With confidential victims and the contacts of sources: not for publication</source>
        <translation>يتضمن الضحايا السريين وبيانات الاتصال بالمصادر: ليس للنشر</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>الأسابيع</translation>
    </message>
    <message>
        <source>Wor&amp;kbook language</source>
        <translation>لغة المص&amp;نف</translation>
    </message>
    <message>
        <source>Since {name} went into force ({day})</source>
        <translation>منذ بدء سريان {name} ({day})</translation>
    </message>
    <message>
        <source>Calendar weeks from Monday</source>
        <translation>أسابيع تقويمية تبدأ يوم الاثنين</translation>
    </message>
    <message>
        <source>Calendar weeks from Saturday</source>
        <translation>أسابيع تقويمية تبدأ يوم السبت</translation>
    </message>
    <message>
        <source>Calendar weeks from Sunday</source>
        <translation>أسابيع تقويمية تبدأ يوم الأحد</translation>
    </message>
    <message>
        <source>Protected with a password.</source>
        <translation>محمي بكلمة سر.</translation>
    </message>
    <message>
        <source>The PDF was not written</source>
        <translation>لم يُكتب ملف بي دي إف</translation>
    </message>
    <message>
        <source>PDF written</source>
        <translation>كُتب ملف بي دي إف</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>جارٍ العدّ…</translation>
    </message>
    <message>
        <source>{weeks}, {breaches}, at least {killed} killed (discounted reports left out)</source>
        <translation>{weeks}، {breaches}، وعدد القتلى {killed} على الأقل (دون احتساب التقارير المستبعَدة)</translation>
    </message>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>لا أسابيع</numerusform>
            <numerusform>أسبوع واحد</numerusform>
            <numerusform>أسبوعان</numerusform>
            <numerusform>%n أسابيع</numerusform>
            <numerusform>%n أسبوعًا</numerusform>
            <numerusform>%n أسبوع</numerusform>
        </translation>
    </message>
    <message>
        <source>Full export</source>
        <translation>تصدير كامل</translation>
    </message>
    <message>
        <source>A full export holds the confidential victims and the contacts of sources. Keep it inside the office: never send it to the press. Go on?</source>
        <translation>يتضمن التصدير الكامل الضحايا السريين وبيانات الاتصال بالمصادر. احتفظ به داخل المكتب، ولا ترسله إلى الصحافة أبدًا. هل تريد المتابعة؟</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>جارٍ كتابة المصنف…</translation>
    </message>
    <message>
        <source>The workbook was not written</source>
        <translation>لم يُكتب المصنف</translation>
    </message>
    <message>
        <source>Workbook written</source>
        <translation>كُتب المصنف</translation>
    </message>
    <message>
        <source>{path}
{breaches} breaches, {victims} victims, {sources} sources.</source>
        <translation>{path}
الخروقات: {breaches}، الضحايا: {victims}، المصادر: {sources}.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;استعادة</translation>
    </message>
    <message>
        <source>Bring the selected breaches back (Enter)</source>
        <translation>استعادة الخروقات المحددة (Enter)</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>لم تتم الاستعادة</translation>
    </message>
    <message numerus="yes">
        <source>%n deleted breach(es). Restore brings a breach back into every list and total.</source>
        <translation>
            <numerusform>لا توجد خروقات محذوفة.</numerusform>
            <numerusform>خرق واحد محذوف. يعيد زر «استعادة» الخرق إلى جميع القوائم والمجاميع.</numerusform>
            <numerusform>خرقان محذوفان. يعيد زر «استعادة» الخرق إلى جميع القوائم والمجاميع.</numerusform>
            <numerusform>%n خروقات محذوفة. يعيد زر «استعادة» الخرق إلى جميع القوائم والمجاميع.</numerusform>
            <numerusform>%n خرقًا محذوفًا. يعيد زر «استعادة» الخرق إلى جميع القوائم والمجاميع.</numerusform>
            <numerusform>%n خرق محذوف. يعيد زر «استعادة» الخرق إلى جميع القوائم والمجاميع.</numerusform>
        </translation>
    </message>
    <message>
        <source>Truces</source>
        <translation>الهدن</translation>
    </message>
    <message>
        <source>&amp;New truce</source>
        <translation>هدنة &amp;جديدة</translation>
    </message>
    <message>
        <source>&amp;Delete truce</source>
        <translation>ح&amp;ذف الهدنة</translation>
    </message>
    <message>
        <source>e.g. Nationwide ceasefire</source>
        <translation>مثلًا: وقف إطلاق النار الشامل</translation>
    </message>
    <message>
        <source>empty while it holds</source>
        <translation>فارغ ما دامت الهدنة سارية</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>سارية اعتبارًا من</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>انتهت في</translation>
    </message>
    <message>
        <source>Brokered by</source>
        <translation>الجهة الراعية</translation>
    </message>
    <message>
        <source>Weekly totals count weeks from a truce&apos;s start date: week 1 is that day and the six days after it.</source>
        <translation>تُحسب الأسابيع في الحصيلة الأسبوعية من تاريخ بدء الهدنة: الأسبوع 1 هو ذلك اليوم والأيام الستة التالية له.</translation>
    </message>
    <message>
        <source>The truces of this database:</source>
        <translation>الهدن المسجلة في قاعدة البيانات هذه:</translation>
    </message>
    <message>
        <source> to {day}</source>
        <translation> إلى {day}</translation>
    </message>
    <message>
        <source>{name}: from {start}{end}</source>
        <translation>{name}: من {start}{end}</translation>
    </message>
    <message numerus="yes">
        <source>This truce has %n breach(es).</source>
        <translation>
            <numerusform>لا تضم هذه الهدنة أي خرق.</numerusform>
            <numerusform>تضم هذه الهدنة خرقًا واحدًا.</numerusform>
            <numerusform>تضم هذه الهدنة خرقين.</numerusform>
            <numerusform>تضم هذه الهدنة %n خروقات.</numerusform>
            <numerusform>تضم هذه الهدنة %n خرقًا.</numerusform>
            <numerusform>تضم هذه الهدنة %n خرق.</numerusform>
        </translation>
    </message>
    <message>
        <source>No breach belongs to this truce.</source>
        <translation>لا ينتمي أي خرق إلى هذه الهدنة.</translation>
    </message>
    <message numerus="yes">
        <source>It also has %n breach(es) in the Trash.</source>
        <translation>
            <numerusform>ولا تضم أي خرق في سلة المحذوفات.</numerusform>
            <numerusform>وتضم أيضًا خرقًا واحدًا في سلة المحذوفات.</numerusform>
            <numerusform>وتضم أيضًا خرقين في سلة المحذوفات.</numerusform>
            <numerusform>وتضم أيضًا %n خروقات في سلة المحذوفات.</numerusform>
            <numerusform>وتضم أيضًا %n خرقًا في سلة المحذوفات.</numerusform>
            <numerusform>وتضم أيضًا %n خرق في سلة المحذوفات.</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit the truce:</source>
        <translation>تحرير الهدنة:</translation>
    </message>
    <message>
        <source>A new truce:</source>
        <translation>هدنة جديدة:</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;حفظ التغييرات</translation>
    </message>
    <message>
        <source>&amp;Add truce</source>
        <translation>إ&amp;ضافة الهدنة</translation>
    </message>
    <message>
        <source>Truce {name} added.</source>
        <translation>أُضيفت الهدنة «{name}».</translation>
    </message>
    <message>
        <source>Change the truce&apos;s dates?</source>
        <translation>هل تريد تغيير تواريخ الهدنة؟</translation>
    </message>
    <message>
        <source>Save the new dates?</source>
        <translation>هل تريد حفظ التواريخ الجديدة؟</translation>
    </message>
    <message>
        <source>Truce {name} saved.</source>
        <translation>حُفظت الهدنة «{name}».</translation>
    </message>
    <message>
        <source>Delete the truce?</source>
        <translation>هل تريد حذف الهدنة؟</translation>
    </message>
    <message>
        <source>Delete the truce {name}?</source>
        <translation>هل تريد حذف الهدنة «{name}»؟</translation>
    </message>
    <message>
        <source>Truce {name} deleted.</source>
        <translation>حُذفت الهدنة «{name}».</translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) moved to another week since the truce.</source>
        <translation>
            <numerusform>لم ينتقل أي خرق إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>انتقل خرق واحد إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>انتقل خرقان إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>انتقلت %n خروقات إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>انتقل %n خرقًا إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>انتقل %n خرق إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) will be in another week since the truce.</source>
        <translation>
            <numerusform>لن ينتقل أي خرق إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>سينتقل خرق واحد إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>سينتقل خرقان إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>ستنتقل %n خروقات إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>سينتقل %n خرقًا إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
            <numerusform>سينتقل %n خرق إلى أسبوع آخر من أسابيع الهدنة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) left the truce (no longer within its dates).</source>
        <translation>
            <numerusform>لم يخرج أي خرق من الهدنة.</numerusform>
            <numerusform>خرج خرق واحد من الهدنة (لم يعد ضمن تواريخها).</numerusform>
            <numerusform>خرج خرقان من الهدنة (لم يعودا ضمن تواريخها).</numerusform>
            <numerusform>خرجت %n خروقات من الهدنة (لم تعد ضمن تواريخها).</numerusform>
            <numerusform>خرج %n خرقًا من الهدنة (لم تعد ضمن تواريخها).</numerusform>
            <numerusform>خرج %n خرق من الهدنة (لم تعد ضمن تواريخها).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) will leave the truce: the new dates leave their days out.</source>
        <translation>
            <numerusform>لن يخرج أي خرق من الهدنة: التواريخ الجديدة تشمل أيام خروقاتها كلها.</numerusform>
            <numerusform>سيخرج خرق واحد من الهدنة: التواريخ الجديدة لا تشمل يومه.</numerusform>
            <numerusform>سيخرج خرقان من الهدنة: التواريخ الجديدة لا تشمل يوميهما.</numerusform>
            <numerusform>ستخرج %n خروقات من الهدنة: التواريخ الجديدة لا تشمل أيامها.</numerusform>
            <numerusform>سيخرج %n خرقًا من الهدنة: التواريخ الجديدة لا تشمل أيامها.</numerusform>
            <numerusform>سيخرج %n خرق من الهدنة: التواريخ الجديدة لا تشمل أيامها.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) of no truce joined it.</source>
        <translation>
            <numerusform>لم ينضم إليها أي خرق من الخروقات غير التابعة لهدنة.</numerusform>
            <numerusform>انضم إليها خرق واحد كان خارج أي هدنة.</numerusform>
            <numerusform>انضم إليها خرقان كانا خارج أي هدنة.</numerusform>
            <numerusform>انضمت إليها %n خروقات كانت خارج أي هدنة.</numerusform>
            <numerusform>انضم إليها %n خرقًا كان خارج أي هدنة.</numerusform>
            <numerusform>انضم إليها %n خرق كان خارج أي هدنة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es) of no truce will join it: the new dates take in their days.</source>
        <translation>
            <numerusform>لن ينضم إليها أي خرق غير تابع لهدنة.</numerusform>
            <numerusform>سينضم إليها خرق واحد غير تابع لأي هدنة: التواريخ الجديدة تشمل يومه.</numerusform>
            <numerusform>سينضم إليها خرقان غير تابعين لأي هدنة: التواريخ الجديدة تشمل يوميهما.</numerusform>
            <numerusform>ستنضم إليها %n خروقات غير تابعة لأي هدنة: التواريخ الجديدة تشمل أيامها.</numerusform>
            <numerusform>سينضم إليها %n خرقًا غير تابع لأي هدنة: التواريخ الجديدة تشمل أيامها.</numerusform>
            <numerusform>سينضم إليها %n خرق غير تابع لأي هدنة: التواريخ الجديدة تشمل أيامها.</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit of a breach</source>
        <translation>تعديل خرق</translation>
    </message>
    <message numerus="yes">
        <source>Restore of %n breach(es)</source>
        <translation>
            <numerusform>استعادة خروقات</numerusform>
            <numerusform>استعادة خرق واحد</numerusform>
            <numerusform>استعادة خرقين</numerusform>
            <numerusform>استعادة %n خروقات</numerusform>
            <numerusform>استعادة %n خرقًا</numerusform>
            <numerusform>استعادة %n خرق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete of %n breach(es)</source>
        <translation>
            <numerusform>حذف خروقات</numerusform>
            <numerusform>حذف خرق واحد</numerusform>
            <numerusform>حذف خرقين</numerusform>
            <numerusform>حذف %n خروقات</numerusform>
            <numerusform>حذف %n خرقًا</numerusform>
            <numerusform>حذف %n خرق</numerusform>
        </translation>
    </message>
    <message>
        <source>Name (Latin)</source>
        <translation>الاسم (بأحرف لاتينية)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <source>Age group</source>
        <translation>الفئة العمرية</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>المآل</translation>
    </message>
    <message>
        <source>Civilian</source>
        <translation>مدني</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>سري</translation>
    </message>
    <message>
        <source>Remove victim</source>
        <translation>إزالة الضحية</translation>
    </message>
    <message>
        <source>Add victim</source>
        <translation>إضافة ضحية</translation>
    </message>
    <message>
        <source>Add a named victim (Ctrl+Shift+V, or Insert in the table)</source>
        <translation>إضافة ضحية معروفة الاسم (Ctrl+Shift+V، أو Insert في الجدول)</translation>
    </message>
    <message>
        <source>Breaches and people killed per week</source>
        <translation>الخروقات والقتلى في كل أسبوع</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>الأسبوع</translation>
    </message>
    <message>
        <source>Women (up to)</source>
        <translation>النساء (الحد الأعلى)</translation>
    </message>
    <message>
        <source>Children (up to)</source>
        <translation>الأطفال (الحد الأعلى)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>الاسم بال&amp;عربية</translation>
    </message>
    <message>
        <source>Name in &amp;English</source>
        <translation>الاسم بالإن&amp;كليزية</translation>
    </message>
    <message>
        <source>The other name is optional: the pickers find the entry by either name.</source>
        <translation>الاسم الآخر اختياري: يمكن البحث عن العنصر بأيٍّ من الاسمين.</translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation>إضافة إلى القائمة</translation>
    </message>
    <message>
        <source>The window&apos;s language</source>
        <translation>لغة النافذة</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنكليزية</translation>
    </message>
    <message>
        <source>The language of the workbook&apos;s sheet names, headers, lists and press sentence</source>
        <translation>لغة أسماء أوراق المصنف وعناوين أعمدته وقيم قوائمه والفقرة الصحفية</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>ال&amp;بحث في:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>الملفات من ال&amp;نوع:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>حفظ الكل</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;نعم</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>نعم لل&amp;كل</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;لا</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>لا للك&amp;ل</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>عدم الحفظ</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>إعادة تعيين</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>استعادة الإعدادات الافتراضية</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): {new} new, {updated} updated, {unchanged} unchanged, {refused} refused</source>
        <translation>
            <numerusform>لا توجد صفوف</numerusform>
            <numerusform>صف واحد: جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused}</numerusform>
            <numerusform>صفّان: جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused}</numerusform>
            <numerusform>%n صفوف: جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused}</numerusform>
            <numerusform>%n صفًّا: جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused}</numerusform>
            <numerusform>%n صف: جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): {new} would be new, {updated} would be updated, {unchanged} unchanged, {refused} refused (dry run: nothing written)</source>
        <translation>
            <numerusform>لا توجد صفوف (تجربة: لم يُكتب شيء)</numerusform>
            <numerusform>صف واحد: ستكون جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused} (تجربة: لم يُكتب شيء)</numerusform>
            <numerusform>صفّان: ستكون جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused} (تجربة: لم يُكتب شيء)</numerusform>
            <numerusform>%n صفوف: ستكون جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused} (تجربة: لم يُكتب شيء)</numerusform>
            <numerusform>%n صفًّا: ستكون جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused} (تجربة: لم يُكتب شيء)</numerusform>
            <numerusform>%n صف: ستكون جديدة {new}، ومحدَّثة {updated}، ودون تغيير {unchanged}، ومرفوضة {refused} (تجربة: لم يُكتب شيء)</numerusform>
        </translation>
    </message>
    <message>
        <source>To import exactly this: {command}</source>
        <translation>لاستيراد هذا بعينه: {command}</translation>
    </message>
    <message>
        <source>column {n}, which has no header</source>
        <translation>العمود {n}، وهو بلا عنوان</translation>
    </message>
    <message>
        <source>{column} on the Victims sheet</source>
        <translation>{column} في ورقة الضحايا</translation>
    </message>
    <message>
        <source>{column} on the Sources sheet</source>
        <translation>{column} في ورقة المصادر</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s) not read, their values not imported: {columns}</source>
        <translation>
            <numerusform>لا أعمدة متروكة: {columns}</numerusform>
            <numerusform>عمود واحد لم يُقرأ، ولم تُستورد قيمه: {columns}</numerusform>
            <numerusform>عمودان لم يُقرآ، ولم تُستورد قيمهما: {columns}</numerusform>
            <numerusform>%n أعمدة لم تُقرأ، ولم تُستورد قيمها: {columns}</numerusform>
            <numerusform>%n عمودًا لم يُقرأ، ولم تُستورد قيمها: {columns}</numerusform>
            <numerusform>%n عمود لم يُقرأ، ولم تُستورد قيمها: {columns}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more row(s)</source>
        <translation>
            <numerusform>ولا صفوف أخرى</numerusform>
            <numerusform>وصف آخر</numerusform>
            <numerusform>وصفّان آخران</numerusform>
            <numerusform>و%n صفوف أخرى</numerusform>
            <numerusform>و%n صفًّا آخر</numerusform>
            <numerusform>و%n صف آخر</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{refused} of %n row(s) cannot be imported; nothing was written</source>
        <translation>
            <numerusform>لا توجد صفوف للاستيراد؛ لم يُكتب شيء</numerusform>
            <numerusform>لا يمكن استيراد {refused} من صف واحد؛ لم يُكتب شيء</numerusform>
            <numerusform>لا يمكن استيراد {refused} من صفّين؛ لم يُكتب شيء</numerusform>
            <numerusform>لا يمكن استيراد {refused} من %n صفوف؛ لم يُكتب شيء</numerusform>
            <numerusform>لا يمكن استيراد {refused} من %n صفًّا؛ لم يُكتب شيء</numerusform>
            <numerusform>لا يمكن استيراد {refused} من %n صف؛ لم يُكتب شيء</numerusform>
        </translation>
    </message>
    <message>
        <source>{added} added, {updated} updated, {deleted} deleted, {left} left as they were</source>
        <translation>الخروقات: أُضيف {added}، وحُدِّث {updated}، وحُذف {deleted}، وبقي {left} على حاله</translation>
    </message>
    <message>
        <source>{breaches}; {sources}, {history}</source>
        <translation>{breaches}؛ {sources}، و{history}</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) added or updated</source>
        <translation>
            <numerusform>لم يُضَف أي مصدر ولم يُحدَّث</numerusform>
            <numerusform>مصدر واحد مضاف أو محدَّث</numerusform>
            <numerusform>مصدران مضافان أو محدَّثان</numerusform>
            <numerusform>%n مصادر مضافة أو محدَّثة</numerusform>
            <numerusform>%n مصدرًا مضافًا أو محدَّثًا</numerusform>
            <numerusform>%n مصدر مضاف أو محدَّث</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n history entr(ies) brought in</source>
        <translation>
            <numerusform>لم يُجلب أي مُدخل من سجل التعديلات</numerusform>
            <numerusform>مُدخل واحد مجلوب من سجل التعديلات</numerusform>
            <numerusform>مُدخلان مجلوبان من سجل التعديلات</numerusform>
            <numerusform>%n مُدخلات مجلوبة من سجل التعديلات</numerusform>
            <numerusform>%n مُدخلًا مجلوبًا من سجل التعديلات</numerusform>
            <numerusform>%n مُدخل مجلوب من سجل التعديلات</numerusform>
        </translation>
    </message>
    <message>
        <source>Too short: at least {n} characters, better a few words.</source>
        <translation>قصيرة جدًا: {n} محارف على الأقل، والأفضل بضع كلمات.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>قوية.</translation>
    </message>
    <message>
        <source>Fair: a few more words make it stronger.</source>
        <translation>مقبولة: بضع كلمات أخرى تجعلها أقوى.</translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation>قاعدة بيانات مشفّرة</translation>
    </message>
    <message>
        <source>Password of the workbook</source>
        <translation>كلمة سر المصنف</translation>
    </message>
    <message>
        <source>{name} holds confidential victims and the contacts of sources. With a password, whoever finds the file reads nothing of it; Excel and LibreOffice ask for the password.</source>
        <translation>يحوي {name} ضحايا سريين وجهات اتصال المصادر. مع كلمة سر، لا يقرأ منه شيئًا من يجد الملف؛ يطلب Excel وLibreOffice كلمة السر.</translation>
    </message>
    <message>
        <source>{name} will be encrypted: without its passphrase nobody can read it, not even this program, and a lost passphrase cannot be recovered. Keep it somewhere safe, away from this computer.</source>
        <translation>سيُشفَّر {name}: لا يستطيع أحد قراءته دون كلمة مروره، ولا هذا البرنامج نفسه، وكلمة المرور الضائعة لا تُستعاد. احفظها في مكان آمن بعيدًا عن هذا الحاسوب.</translation>
    </message>
    <message>
        <source>{name} is encrypted. Type its passphrase to open it.</source>
        <translation>{name} مشفّر. اكتب كلمة مروره لفتحه.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;كلمة المرور</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;كلمة السر</translation>
    </message>
    <message>
        <source>&amp;Again</source>
        <translation>&amp;مرة أخرى</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>&amp;شفّر</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>ا&amp;فتح</translation>
    </message>
    <message>
        <source>P&amp;rotect</source>
        <translation>ا&amp;حمِه</translation>
    </message>
    <message>
        <source>&amp;Without a password</source>
        <translation>&amp;دون كلمة سر</translation>
    </message>
    <message>
        <source>Make it &amp;without encryption</source>
        <translation>أنشئه &amp;دون تشفير</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>كلمتا المرور مختلفتان.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;فتح القفل</translation>
    </message>
    <message>
        <source>{name} is locked: every record is hidden. Type its passphrase to go on.</source>
        <translation>{name} مقفل: كل السجلات مخفية. اكتب كلمة مروره للمتابعة.</translation>
    </message>
    <message>
        <source>The passphrase was not changed</source>
        <translation>لم تتغيّر كلمة المرور</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>تغيّرت كلمة المرور</translation>
    </message>
    <message>
        <source>The passphrase of {name} is changed. Backups made before keep the passphrase they were made with.</source>
        <translation>تغيّرت كلمة مرور {name}. النسخ الاحتياطية المأخوذة قبل ذلك تبقى بكلمة المرور التي أُخذت بها.</translation>
    </message>
    <message>
        <source>Encrypt this database?</source>
        <translation>أتشفّر قاعدة البيانات هذه؟</translation>
    </message>
    <message>
        <source>Encrypting {name}…</source>
        <translation>جارٍ تشفير {name}…</translation>
    </message>
    <message>
        <source>The database was not encrypted</source>
        <translation>لم تُشفَّر قاعدة البيانات</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>مشفّرة</translation>
    </message>
    <message>
        <source>{name} is encrypted, and its backups. The plain file&apos;s bytes may stay on the disk until written over: the computer&apos;s own disk encryption protects them; without it, wipe the disk&apos;s free space (README says how).</source>
        <translation>شُفِّر {name} ونسخه الاحتياطية. قد تبقى بايتات الملف غير المشفّر على القرص حتى يُكتب فوقها: يحميها تشفير القرص في الحاسوب نفسه؛ وإن لم يكن، فامسح المساحة الفارغة من القرص (يشرح README كيف).</translation>
    </message>
</context>
</TS>
