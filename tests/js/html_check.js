// Open a page of treaty's HTML export in headless Chromium and report, as JSON on
// stdout, what a reader would see of one clause and one margin note: their text, their
// boxes on the page, the colours the screenshot shows inside those boxes, any dialog a
// script opened, and any request the page tried to make. The Rust test asserts on it.
// Usage: node html_check.js PAGE.html SCREENSHOT.png CLAUSE-ELEMENT-ID NOTE-ELEMENT-ID
const { chromium } = require('playwright-core')
const fs = require('fs')
const path = require('path')

async function main () {
  const [page_file, shot, clause_id, note_id] = process.argv.slice(2)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 })
    const dialogs = []
    page.on('dialog', async d => { dialogs.push(d.message()); await d.dismiss() })
    const requests = []
    const url = 'file://' + path.resolve(page_file)
    await page.route('**/*', route => {
      const u = route.request().url()
      if (u === url) return route.continue()
      requests.push(u)
      return route.abort()
    })
    await page.goto(url)
    await page.screenshot({ path: shot, fullPage: true })
    const describe = async id => {
      const el = page.locator(`[id="${id}"]`)
      if (await el.count() !== 1) return null
      return {
        text: await el.innerText(),
        box: await el.boundingBox(),
        visible: await el.isVisible(),
        marks: await el.locator('mark').allInnerTexts()
      }
    }
    const clause = await describe(clause_id)
    const note = await describe(note_id)
    // Colours of the screenshot inside each box, decoded by the browser itself, in a
    // blank page (the export's own policy forbids loading even a data: image).
    const png = fs.readFileSync(shot).toString('base64')
    const scroll = await page.evaluate(() => window.scrollY)
    const blank = await browser.newPage()
    const colours = await blank.evaluate(async ({ png, boxes, scroll }) => {
      const img = new Image()
      img.src = 'data:image/png;base64,' + png
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.width
      canvas.height = img.height
      const ctx = canvas.getContext('2d')
      ctx.drawImage(img, 0, 0)
      const out = { width: img.width, height: img.height }
      for (const [name, b] of Object.entries(boxes)) {
        if (!b) continue
        const data = ctx.getImageData(Math.floor(b.x), Math.floor(b.y + scroll), Math.ceil(b.width), Math.ceil(b.height)).data
        const counts = {}
        for (let i = 0; i < data.length; i += 4) {
          const hex = '#' + [data[i], data[i + 1], data[i + 2]].map(v => v.toString(16).padStart(2, '0')).join('')
          counts[hex] = (counts[hex] || 0) + 1
        }
        // Only colours that cover some area: anti-aliased edges are noise.
        out[name] = Object.fromEntries(Object.entries(counts).filter(([, n]) => n >= 50))
      }
      return out
    }, { png, boxes: { clause: clause && clause.box, note: note && note.box }, scroll })
    console.log(JSON.stringify({ clause, note, colours, dialogs, requests }))
  } finally {
    await browser.close()
  }
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(2) })
