# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phrases the corpus generator combines into plausible complaints, in English and
Persian. Kept small and hand-written: the generator varies them by combination."""

FIRST_NAMES_EN = [
    "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah", "Sophia",
    "James", "Isabella", "William", "Mia", "Benjamin", "Charlotte", "Lucas", "Harper",
    "Henry", "Evelyn", "Theodore", "Grace", "Samuel", "Chloe", "Daniel", "Zoe",
]
LAST_NAMES_EN = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "White",
    "Harris", "Clark", "Lewis", "Walker", "Young", "King", "Wright", "Scott", "Green",
]
FIRST_NAMES_FA = [
    "علی", "مریم", "محمد", "زهرا", "حسین", "فاطمه", "رضا", "سارا", "امیر", "نرگس",
    "مهدی", "لیلا", "حمید", "شیرین", "کاوه", "پریسا", "بهرام", "نسرین", "آرش", "مینا",
]
LAST_NAMES_FA = [
    "احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "رحیمی",
    "کاظمی", "هاشمی", "نوری", "قاسمی", "طاهری", "یزدانی", "شریفی", "فرهادی", "بهرامی",
]
CITIES_EN = ["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Dublin", "Cardiff"]
CITIES_FA = ["تهران", "اصفهان", "شیراز", "تبریز", "مشهد", "کرج", "یزد"]

PRODUCT_NOUNS = [
    "Kettle", "Toaster", "Desk Lamp", "Office Chair", "Blender", "Coffee Grinder",
    "Air Purifier", "Space Heater", "Vacuum Cleaner", "Microwave Oven", "Rice Cooker",
    "Standing Desk", "Bookshelf", "Water Filter", "Hair Dryer", "Smart Speaker",
    "Router", "Monitor Arm", "Keyboard", "Headset",
]
PRODUCT_ADJECTIVES = [
    "Compact", "Deluxe", "Eco", "Pro", "Classic", "Smart", "Heavy-Duty", "Mini", "Ultra",
    "Silent",
]

CATEGORIES = [
    ("Product quality", "کیفیت محصول"),
    ("Delivery", "تحویل"),
    ("Billing", "صورتحساب"),
    ("Customer service", "خدمات مشتری"),
    ("Warranty and repairs", "گارانتی و تعمیر"),
    ("Safety", "ایمنی"),
    ("Website and portal", "وب‌سایت و پورتال"),
    ("Returns and refunds", "مرجوعی و بازپرداخت"),
]

# Subjects: {product}, {order}, {invoice} are filled in.
SUBJECTS_EN = [
    "{product} arrived damaged",
    "{product} stopped working after two weeks",
    "Late delivery of order {order}",
    "Order {order} delivered incomplete",
    "Invoice {invoice} charged twice",
    "Wrong price on invoice {invoice}",
    "Rude answer from the support line about {order}",
    "{product} overheats and smells of burning",
    "Refund for order {order} still not received",
    "Wrong colour of {product} delivered",
    "No answer to my emails about {order}",
    "Warranty repair of {product} refused",
]
SUBJECTS_FA = [
    "{product} آسیب‌دیده به دستم رسید",
    "{product} پس از دو هفته از کار افتاد",
    "تأخیر در تحویل سفارش {order}",
    "سفارش {order} ناقص تحویل شد",
    "صورتحساب {invoice} دو بار پرداخت شد",
    "قیمت اشتباه در صورتحساب {invoice}",
    "برخورد نامناسب پشتیبانی درباره سفارش {order}",
    "{product} بیش از حد داغ می‌شود و بوی سوختگی می‌دهد",
    "بازپرداخت سفارش {order} هنوز انجام نشده است",
    "رنگ اشتباه {product} ارسال شد",
]
DESCRIPTION_EN = [
    "I placed the order on your website and paid in full.",
    "The box was crushed and the item inside was scratched.",
    "I called your support line three times and nobody called back.",
    "The courier left the parcel outside in the rain.",
    "The device switches itself off after a few minutes of use.",
    "I was charged for an item I never received.",
    "The manual is missing and the plug does not fit.",
    "This is the second time this happens with your company.",
    "My neighbour bought the same model and has the same problem.",
    "I attach photos of the damage and the delivery note.",
    "The technician did not show up at the agreed time.",
    "I expected better from a brand I have trusted for years.",
]
DESCRIPTION_FA = [
    "سفارش را از وب‌سایت شما ثبت کردم و مبلغ کامل را پرداختم.",
    "جعبه له شده بود و کالای داخل آن خط و خش داشت.",
    "سه بار با پشتیبانی تماس گرفتم و کسی پاسخ نداد.",
    "پیک بسته را زیر باران جلوی در رها کرد.",
    "دستگاه پس از چند دقیقه کار خودبه‌خود خاموش می‌شود.",
    "برای کالایی که هرگز دریافت نکردم از من پول گرفته شد.",
    "دفترچه راهنما همراه کالا نبود و دوشاخه مناسب نیست.",
    "این دومین بار است که چنین مشکلی با شرکت شما پیش می‌آید.",
    "عکس‌های آسیب و رسید تحویل را پیوست کرده‌ام.",
    "تعمیرکار در زمان توافق‌شده مراجعه نکرد.",
]
REMEDY_EN = [
    "Please replace the item.",
    "I want a full refund.",
    "Please refund the extra charge.",
    "Repair it under warranty, please.",
    "I would like an apology and a discount on my next order.",
    "Please deliver the missing parts this week.",
]
REMEDY_FA = [
    "لطفاً کالا را تعویض کنید.",
    "خواهان بازپرداخت کامل هستم.",
    "لطفاً مبلغ اضافه را برگردانید.",
    "لطفاً در قالب گارانتی تعمیر شود.",
    "قطعات جاافتاده را این هفته ارسال کنید.",
]
FINDINGS_EN = [
    "The carrier confirmed the parcel was dropped in transit.",
    "Batch inspection found a faulty thermostat in this production lot.",
    "Billing ran the payment twice after a gateway timeout.",
    "The agent did not follow the call script; coaching planned.",
    "Stock records show the item was never picked.",
]
DECISION_EN = [
    "We uphold the complaint and replace the item at our cost.",
    "We partially uphold the complaint and refund the delivery fee.",
    "We do not uphold the complaint: the damage is not covered by the warranty.",
    "We refund the double charge in full.",
]
